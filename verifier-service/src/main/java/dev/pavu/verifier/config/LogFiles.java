package dev.pavu.verifier.config;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the verifier keeps its run logs: {@code <home>/verifier/logs/}, one {@code <candidateId>.log} per verified
 * candidate (prefetch logs beside them). One place for the writer ({@code CandidateVerifier}), the readers
 * ({@code RunResource}) and the deleters (retention, replay).
 */
public final class LogFiles {

    private LogFiles() {
    }

    /** @param config the verifier's settings @return the logs directory */
    public static Path dir(VerifierConfig config) {
        return Path.of(config.home(), "verifier", "logs");
    }

    /** @param logs the logs directory @param candidateId a candidate @return that candidate's log file */
    public static Path candidate(Path logs, UUID candidateId) {
        return logs.resolve(candidateId + ".log");
    }
}
