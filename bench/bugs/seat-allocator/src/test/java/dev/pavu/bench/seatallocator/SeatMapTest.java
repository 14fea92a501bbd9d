package dev.pavu.bench.seatallocator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeatMapTest {

    @Test
    void fullRoomHasNoSeat() {
        SeatMap room = new SeatMap(1);
        room.reserve(0);
        assertEquals(-1, room.reserveFirstFree());
    }

    @Test
    void lastRemainingSeat() {
        SeatMap room = new SeatMap(3);
        room.reserve(0);
        room.reserve(1);
        assertEquals(2, room.reserveFirstFree());
    }

    @Test
    void seatsAreGivenInOrder() {
        SeatMap room = new SeatMap(3);
        assertEquals(0, room.reserveFirstFree());
        assertEquals(1, room.reserveFirstFree());
        assertEquals(2, room.reserveFirstFree());
    }

    @Test
    void countsFreeSeats() {
        SeatMap room = new SeatMap(4);
        room.reserve(2);
        assertEquals(3, room.freeCount());
    }

    @Test
    void cannotTakeATakenSeat() {
        SeatMap room = new SeatMap(2);
        room.reserve(1);
        assertThrows(IllegalStateException.class, () -> room.reserve(1));
    }
}
