package dev.pavu.planner.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ReplayReport}: the facts of a recorded verdict event and of the verifier's replay answer, and what differs. */
class ReplayReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void bothShapesGiveTheSameFactsAndNothingDiffers() throws Exception {
        // the recorded pavu.verdict.issued.v1: failing tests are objects; the verifier's answer: plain ids
        ReplayReport.Facts recorded = ReplayReport.Facts.of(json("{'verdict':'FAIL','testsRun':11,'testsFailed':2,"
                + "'failingTests':[{'testId':'a.B#y','message':'m'},{'testId':'a.B#x'}]}"));
        ReplayReport.Facts replayed = ReplayReport.Facts.of(json("{'verdict':'FAIL','testsRun':11,'testsFailed':2,"
                + "'failingTests':['a.B#x','a.B#y']}"));
        assertEquals(new ReplayReport.Facts("FAIL", 11, 2, List.of("a.B#x", "a.B#y")), recorded);
        assertEquals(recorded, replayed);
        assertEquals(List.of(), ReplayReport.differences(recorded, replayed));
    }

    @Test
    void everyDifferenceIsNamedInOrder() {
        ReplayReport.Facts recorded = new ReplayReport.Facts("PASS", 11, 0, List.of());
        ReplayReport.Facts replayed = new ReplayReport.Facts("FAIL", 10, 1, List.of("a.B#x"));
        assertEquals(List.of("verdict: recorded PASS, now FAIL", "tests run: recorded 11, now 10",
                "tests failed: recorded 0, now 1", "failing tests: recorded [], now [a.B#x]"),
                ReplayReport.differences(recorded, replayed));
        assertEquals(List.of("tests run: recorded 11, now 9"),
                ReplayReport.differences(recorded, new ReplayReport.Facts("PASS", 9, 0, List.of())));
    }
}
