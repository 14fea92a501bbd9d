package dev.pavu.planner.it;

/**
 * The topics the planner uses under the test profile (see application.properties, {@code %test}): the
 * broker is shared with other services' tests, whose actuators and verifiers would otherwise answer the
 * test's plans. Production uses {@link dev.pavu.contracts.Topics}.
 */
final class TestTopics {
    static final String JOBS = "pavu.test-planner.jobs";
    static final String PLANS = "pavu.test-planner.plans";
    /** The actuator's CandidatesProposed, which the tests send in its place. */
    static final String CANDIDATES = "pavu.test-planner.candidates";
    static final String VERDICTS = "pavu.test-planner.verdicts";
    static final String DLQ_VERDICTS = "pavu.test-planner.verdicts.dlq.planner-service-test";

    private TestTopics() {
    }
}
