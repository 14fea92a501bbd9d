package dev.pavu.planner.rest;

import dev.pavu.contracts.GatePolicy;
import dev.pavu.contracts.ProbeSpec;
import dev.pavu.planner.service.JobSubmission;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code gates} part of a job request: read into the job's {@link GatePolicy}, every mistake named with its field. */
class JobRequestsGatesTest {

    private static final String SOURCE = "\"source\": {\"gitUrl\": \"https://example.org/r.git\"}";

    private static final JobRequests.Limits LIMITS = new JobRequests.Limits(65_536, 1 << 20, 8_192, 10_000);

    private static JobSubmission parse(String gates) {
        return JobRequests.parse("{" + SOURCE + (gates == null ? "" : ", \"gates\": " + gates) + "}", false,
                new JobRequests.Limits(65_536, 1 << 20, 8_192, 10_000), url -> java.util.Optional.empty());
    }

    private static List<String> problems(String gates) {
        ProblemException e = assertThrows(ProblemException.class, () -> parse(gates));
        return e.problem().errors().stream().map(f -> f.field() + ": " + f.message()).toList();
    }

    @Test
    void aFullPolicyIsRead() {
        JobSubmission s = parse("""
                {"linters": ["ruff", "MyPy"], "testsFirst": false,
                 "probe": {"startCommand": "python3 app.py", "healthUrl": "http://127.0.0.1:8080/health",
                           "smokeCommand": "python3 smoke.py", "timeoutMs": 15000}}
                """);
        assertEquals(new GatePolicy(List.of("ruff", "mypy"), false,
                new ProbeSpec("python3 app.py", "http://127.0.0.1:8080/health", "python3 smoke.py", 15_000)), s.gates());
    }

    @Test
    void absentGatesMeanTheVerifiersDefaultsAndAbsentFieldsStayNull() {
        assertNull(parse(null).gates());
        GatePolicy p = parse("{\"probe\": {\"smokeCommand\": \"./smoke.sh\"}}").gates();
        assertNull(p.linters());
        assertNull(p.testsFirst());
        assertEquals(new ProbeSpec(null, null, "./smoke.sh", 0), p.probe());
        assertEquals(List.of(), parse("{\"linters\": []}").gates().linters(), "[] turns linting off");
    }

    @Test
    void mistakesAreNamedWithTheirField() {
        List<String> p = problems("""
                {"linters": ["pylint"], "testsFirst": "yes", "retries": 2,
                 "probe": {"healthUrl": "http://example.org/health", "timeoutMs": -1}}
                """);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gates.linters: 'pylint' is not a linter Pavu knows")), p::toString);
        assertTrue(p.contains("gates.testsFirst: expected true or false, got a string"), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gates.retries: unknown field")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gates.probe.timeoutMs: expected a whole number")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gates.probe: give a startCommand")), p::toString);
        assertTrue(p.contains("gates.probe.healthUrl: needs a startCommand: the application to start and poll"), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("gates.probe.healthUrl: 'http://example.org/health' is not on the loopback")),
                p::toString);
    }

    @Test
    void gatesMustBeAnObject() {
        assertEquals(List.of("gates: expected an object {linters, testsFirst, probe, allowTestEdits, allowBuildEdits}, got an array"), problems("[\"ruff\"]"));
    }

    @Test
    void protectedPathsStayProtectedUnlessThePolicyAllowsEdits() {
        GatePolicy none = parse("{\"testsFirst\": true}").gates();
        assertNull(none.allowTestEdits());
        assertEquals(false, none.testEditsAllowed(), "test sources are protected by default");
        assertEquals(false, none.buildEditsAllowed(), "build files are protected by default");
        GatePolicy both = parse("{\"allowTestEdits\": true, \"allowBuildEdits\": true}").gates();
        assertTrue(both.testEditsAllowed());
        assertTrue(both.buildEditsAllowed());
        assertEquals(List.of("gates.allowTestEdits: expected true or false, got a string"), problems("{\"allowTestEdits\": \"yes\"}"));
    }

    @Test
    void aTestCommandThatNoShellCanRunIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> JobRequests.parse("{" + SOURCE
                + ", \"testCommand\": \"" + "x".repeat(JobRequests.MAX_TEST_COMMAND + 1) + "\"}", false, LIMITS, url -> java.util.Optional.empty()));
        assertTrue(e.problem().errors().getFirst().message().contains("at most " + JobRequests.MAX_TEST_COMMAND), e.problem()::toString);
        ProblemException nul = assertThrows(ProblemException.class, () -> JobRequests.parse("{" + SOURCE
                + ", \"testCommand\": \"sh run.sh\\u0000\"}", false, LIMITS, url -> java.util.Optional.empty()));
        assertEquals("testCommand", nul.problem().errors().getFirst().field());
        assertEquals("./run-tests.sh --junit out", JobRequests.parse("{" + SOURCE
                + ", \"testCommand\": \" ./run-tests.sh --junit out \"}", false, LIMITS, url -> java.util.Optional.empty()).task().testCommand());
    }
}
