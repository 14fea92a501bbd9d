package dev.pavu.actuator.proposer.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementDeletionTest {

    private final StatementDeletion pattern = new StatementDeletion();

    @Test
    void deletesTheWholeLine() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int run(int x) {
                        x = x * 2; // <-
                        return x;
                    }
                }
                """);
        assertEquals(List.of("<deleted>"), f.changedCode());
        assertEquals(List.of("delete x = x * 2;"), f.descriptions());
        String mutated = f.mutations.getFirst().edits().getFirst().replacement();
        assertEquals("", mutated);
        assertTrue(f.allParse());
    }

    @Test
    void deletesAMultiLineIf() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int run(int x) {
                        if (x < 0) { // <-
                            x = -x;
                        }
                        return x;
                    }
                }
                """);
        assertEquals(List.of("<deleted>"), f.changedCode());
        String before = f.source;
        String after = dev.pavu.actuator.proposer.SourceFile.of("Demo.java", before).apply(f.mutations.getFirst().edits());
        assertEquals(before.lines().count() - 3, after.lines().count());
    }

    @Test
    void bodyWithoutBracesBecomesAnEmptyBlock() {
        var f = PatternFixture.apply(pattern, """
                class Demo {
                    int run(int x) {
                        if (x < 0)
                            x = -x; // <-
                        return x;
                    }
                }
                """);
        assertEquals(List.of("{}"), f.changedCode());
    }

    @Test
    void declarationsAndValueReturnsStay() {
        assertEquals(List.of(), PatternFixture.apply(pattern, """
                class Demo {
                    int run(int x) {
                        int y = x; // <-
                        return y;
                    }
                }
                """).changedCode());
        assertEquals(List.of(), PatternFixture.apply(pattern, """
                class Demo {
                    int run(int x) {
                        return x; // <-
                    }
                }
                """).changedCode());
    }
}
