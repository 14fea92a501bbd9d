package dev.pavu.bench.versioncompare;

import java.util.Comparator;

/** Compares dotted numeric versions such as 1.10.2; missing trailing parts count as 0. */
public final class Versions {

    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    public static int compare(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        int n = Math.max(pa.length, pb.length);
        for (int i = 0; i < n; i++) {
            int x = i < pa.length ? Integer.parseInt(pa[i]) : 0;
            int y = i < pb.length ? Integer.parseInt(pb[i]) : 0;
            if (x < y) {
                return -1;
            }
            if (x > y) {
                return -1;
            }
        }
        return 0;
    }
}
