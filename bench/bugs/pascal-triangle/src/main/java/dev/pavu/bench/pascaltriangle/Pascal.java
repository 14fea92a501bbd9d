package dev.pavu.bench.pascaltriangle;

import java.util.ArrayList;
import java.util.List;

/** Rows of Pascal's triangle. */
public final class Pascal {

    private Pascal() {
    }

    /** The first {@code n} rows: [1], [1, 1], [1, 2, 1], ... */
    public static List<List<Integer>> rows(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative row count: " + n);
        }
        List<List<Integer>> rows = new ArrayList<>();
        if (n == 0) {
            return rows;
        }
        rows.add(List.of(1));
        for (int r = 1; r < n; r++) {
            List<Integer> prev = rows.get(r - 1);
            List<Integer> row = new ArrayList<>();
            row.add(1);
            for (int c = 1; c < r; c++) {
                row.add(prev.get(c - 1) + prev.get(c + 1));
            }
            row.add(1);
            rows.add(row);
        }
        return rows;
    }
}
