package dev.pavu.planner.rest;

import dev.pavu.contracts.TaskSpec;
import dev.pavu.planner.service.JobSubmission;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code priority} of {@code POST /jobs}: 0–9, default 5, anything else a 400 naming the field and the range. */
class JobRequestsPriorityTest {

    private static JobSubmission parse(String priority) {
        return JobRequests.parse("{\"source\": {\"gitUrl\": \"https://example.com/r.git\"}"
                        + (priority == null ? "" : ", \"priority\": " + priority) + "}", false,
                new JobRequests.Limits(65_536, 1 << 20, 8_192, 10_000), url -> java.util.Optional.empty());
    }

    @Test
    void absentOrNullIsTheDefaultAndAGivenOneTravelsInTheTask() {
        assertEquals(TaskSpec.DEFAULT_PRIORITY, parse(null).task().priority());
        assertEquals(TaskSpec.DEFAULT_PRIORITY, parse("null").task().priority());
        assertEquals(9, parse("9").task().priority());
        assertEquals(0, parse("0").task().priority());
        assertEquals("acme", parse("7").task().withJob("acme", 7).team());
    }

    @Test
    void outOfRangeOrNotAWholeNumberIsRefusedNamingTheField() {
        for (String bad : new String[]{"10", "-1", "2.5", "\"high\"", "[]", "99999999999"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> parse(bad), bad);
            assertEquals(400, e.problem().status());
            assertEquals("priority", e.problem().errors().getFirst().field(), bad);
            assertTrue(e.problem().detail().contains("from 0 (lowest) to 9 (highest)"), e.problem().detail());
        }
    }
}
