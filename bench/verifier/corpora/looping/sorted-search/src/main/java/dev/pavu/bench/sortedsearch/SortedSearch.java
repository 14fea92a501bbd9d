package dev.pavu.bench.sortedsearch;

/** Searches in int arrays sorted in ascending order. */
public final class SortedSearch {

    private SortedSearch() {
    }

    /**
     * @param a   sorted array
     * @param key value
     * @return an index of key in a, or -1
     */
    public static int indexOf(int[] a, int key) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid;
            } else if (a[mid] > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * @param a   sorted array
     * @param key value
     * @return the first index whose element is at least key (a.length when none is)
     */
    public static int lowerBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param a   sorted array
     * @param key value
     * @return the first index whose element is greater than key (a.length when none is)
     */
    public static int upperBound(int[] a, int key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * @param a    sorted array
     * @param from lowest value counted
     * @param to   highest value counted
     * @return how many elements lie in [from, to]
     */
    public static int countInRange(int[] a, int from, int to) {
        if (from > to) {
            return 0;
        }
        return upperBound(a, to) - lowerBound(a, from);
    }
}
