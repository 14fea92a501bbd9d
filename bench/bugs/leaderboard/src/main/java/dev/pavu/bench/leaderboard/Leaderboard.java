package dev.pavu.bench.leaderboard;

import java.util.ArrayList;
import java.util.List;

/** Ranks scores highest first; equal scores keep their submission order. */
public final class Leaderboard {

    private Leaderboard() {
    }

    public static List<Score> top(List<Score> scores, int n) {
        List<Score> sorted = new ArrayList<>(scores);
        sorted.sort((a, b) -> a.points() - b.points());
        return List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }
}
