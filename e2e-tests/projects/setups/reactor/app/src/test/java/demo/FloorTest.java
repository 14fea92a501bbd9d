package demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FloorTest {
    @Test
    void areaOfOneRoom() {
        assertEquals(8.0, new Floor().add(new Rectangle(2, 4)).area(), 1e-9);
    }

    @Test
    void areaOfTwoRooms() {
        assertEquals(17.0, new Floor().add(new Rectangle(2, 4)).add(new Rectangle(3, 3)).area(), 1e-9);
    }

    @Test
    void anEmptyFloor() {
        assertEquals(0.0, new Floor().area(), 1e-9);
    }
}
