package dev.pavu.bench.leaderboard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaderboardTest {

    private static final List<Score> SCORES = List.of(new Score("ann", 40), new Score("bob", 90),
            new Score("cid", 75), new Score("dan", 10));

    @Test
    void noScores() {
        assertEquals(List.of(), Leaderboard.top(List.of(), 3));
    }

    @Test
    void asksForMoreThanThereAre() {
        assertEquals(4, Leaderboard.top(SCORES, 10).size());
    }

    @Test
    void equalScoresKeepSubmissionOrder() {
        List<Score> tied = List.of(new Score("x", 5), new Score("y", 5));
        assertEquals(tied, Leaderboard.top(tied, 2));
    }

    @Test
    void highestScoreFirst() {
        assertEquals(List.of(new Score("bob", 90), new Score("cid", 75)), Leaderboard.top(SCORES, 2));
    }
}
