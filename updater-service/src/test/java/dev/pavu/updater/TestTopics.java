package dev.pavu.updater;

/**
 * The topics the updater reads in tests ({@code %test} profile of application.properties): the real names with
 * {@code pavu.test-updater.} instead of {@code pavu.}, so that the events a test sends never reach a running stack.
 */
final class TestTopics {
    static final String JOBS = "pavu.test-updater.jobs";
    static final String PLANS = "pavu.test-updater.plans";
    static final String CANDIDATES = "pavu.test-updater.candidates";
    static final String DIFFS = "pavu.test-updater.diffs";
    static final String VERDICTS = "pavu.test-updater.verdicts";

    private TestTopics() {
    }

    /**
     * @param channel incoming channel name, e.g. {@code verdicts-in}
     * @return its dead-letter topic in tests
     */
    static String deadLetter(String channel) {
        return "pavu.test-updater." + channel.replace("-in", "") + ".dlq.updater-service-test";
    }
}
