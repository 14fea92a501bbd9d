package dev.pavu.bench.pagination;

import java.util.List;

/** One page of results; pages are numbered from 1. */
public record Page<T>(List<T> items, int number, int totalPages) {

    public boolean hasNext() {
        return number < totalPages;
    }
}
