package dev.pavu.bench.flatten;

import java.util.ArrayList;
import java.util.List;

/** Flattening arbitrarily nested lists. */
public final class Lists {

    private Lists() {
    }

    /** The non-list elements of {@code nested}, depth first, in order. */
    public static List<Object> flatten(List<?> nested) {
        List<Object> out = new ArrayList<>();
        for (Object item : nested) {
            if (item instanceof List<?> inner) {
                out.add(flatten(inner));
            } else {
                out.add(item);
            }
        }
        return out;
    }
}
