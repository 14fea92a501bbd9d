package dev.pavu.bench.leaderboard;

/** A player's points. */
public record Score(String player, int points) {
}
