package dev.pavu.bench.mergesort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Stable top-down merge sort. */
public final class MergeSort {

    private MergeSort() {
    }

    /** A sorted copy of {@code items}; equal elements keep their input order. */
    public static <T> List<T> sort(List<T> items, Comparator<? super T> order) {
        if (items.size() <= 1) {
            return new ArrayList<>(items);
        }
        int mid = items.size() / 2;
        List<T> left = sort(items.subList(0, mid), order);
        List<T> right = sort(items.subList(mid, items.size()), order);
        return merge(left, right, order);
    }

    private static <T> List<T> merge(List<T> left, List<T> right, Comparator<? super T> order) {
        List<T> out = new ArrayList<>(left.size() + right.size());
        int i = 0;
        int j = 0;
        while (i < left.size() && j < right.size()) {
            if (order.compare(left.get(i), right.get(j)) < 0) {
                out.add(left.get(i++));
            } else {
                out.add(right.get(j++));
            }
        }
        while (i < left.size()) {
            out.add(left.get(i++));
        }
        while (j < right.size()) {
            out.add(right.get(j++));
        }
        return out;
    }
}
