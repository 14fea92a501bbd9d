package demo;

/** Searching sorted arrays. */
public final class Search {
    private Search() {
    }

    /** Index of key in an ascending array, or -1. */
    public static int indexOf(int[] sorted, int key) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid;
            } else if (sorted[mid] > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Whether the array holds the key. */
    public static boolean contains(int[] sorted, int key) {
        return indexOf(sorted, key) >= 0;
    }
}
