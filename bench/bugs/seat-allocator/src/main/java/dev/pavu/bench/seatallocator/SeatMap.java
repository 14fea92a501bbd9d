package dev.pavu.bench.seatallocator;

/** Seats of a room; reservations take the lowest-numbered free seat. */
public final class SeatMap {

    private final boolean[] taken;

    public SeatMap(int seats) {
        taken = new boolean[seats];
    }

    /** Index of the first seat not taken, or -1 when all are. */
    static int firstFree(boolean[] taken) {
        int found = -1;
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                found = i;
            }
        }
        return found;
    }

    /** Takes the first free seat and returns its index, or -1 when the room is full. */
    public int reserveFirstFree() {
        int seat = firstFree(taken);
        if (seat >= 0) {
            taken[seat] = true;
        }
        return seat;
    }

    public void reserve(int seat) {
        if (taken[seat]) {
            throw new IllegalStateException("seat " + seat + " is taken");
        }
        taken[seat] = true;
    }

    public int freeCount() {
        int free = 0;
        for (boolean t : taken) {
            if (!t) {
                free++;
            }
        }
        return free;
    }
}
