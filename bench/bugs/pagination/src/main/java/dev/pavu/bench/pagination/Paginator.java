package dev.pavu.bench.pagination;

import java.util.List;

/** Cuts a result list into pages of a fixed size. */
public final class Paginator {

    private Paginator() {
    }

    public static int totalPages(int totalItems, int pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        return (int) Math.floor(totalItems / (double) pageSize);
    }

    /** Page {@code number} (1-based); past the end it is empty. */
    public static <T> Page<T> page(List<T> all, int number, int pageSize) {
        if (number < 1) {
            throw new IllegalArgumentException("pages start at 1: " + number);
        }
        int pages = totalPages(all.size(), pageSize);
        int from = Math.min((number - 1) * pageSize, all.size());
        int to = Math.min(from + pageSize, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), number, pages);
    }
}
