package dev.pavu.bench.bubblesort;

/** Bubble sort with the usual early exit once a pass makes no swap. */
public final class BubbleSort {

    private BubbleSort() {
    }

    public static void sort(int[] a) {
        for (int pass = 0; pass < a.length - 1; pass++) {
            boolean swapped = false;
            for (int j = 0; j < a.length - 1 - pass; j++) {
                if (a[j] > a[j + 1]) {
                    int tmp = a[j];
                    a[j] = a[j + 1];
                    a[j + 1] = tmp;
                    swapped = true;
                }
            }
            if (swapped) {
                break;
            }
        }
    }
}
