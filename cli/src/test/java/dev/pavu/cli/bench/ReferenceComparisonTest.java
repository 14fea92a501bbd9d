package dev.pavu.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plausible patch against the reference fix: equal when both give the same files. */
class ReferenceComparisonTest {

    static final String FILE = "src/main/java/demo/Gcd.java";
    static final String BUGGY = """
            package demo;

            public final class Gcd {
                public static int gcd(int a, int b) {
                    if (b == 0) {
                        return a;
                    }
                    return gcd(a % b, b);
                }
            }
            """;
    static final String REFERENCE = """
            diff --git a/src/main/java/demo/Gcd.java b/src/main/java/demo/Gcd.java
            --- a/src/main/java/demo/Gcd.java
            +++ b/src/main/java/demo/Gcd.java
            @@ -5,6 +5,6 @@
                     if (b == 0) {
                         return a;
                     }
            -        return gcd(a % b, b);
            +        return gcd(b, a % b);
                 }
             }
            """;

    @TempDir
    Path tmp;

    @Test
    void theSameChangeWithOtherContextAndHeadersIsEqual() throws Exception {
        Path program = program();
        String sameFix = """
                --- src/main/java/demo/Gcd.java
                +++ src/main/java/demo/Gcd.java
                @@ -8 +8 @@
                -        return gcd(a % b, b);
                +        return gcd(b, a % b);
                """;
        ReferenceComparison.Result r = ReferenceComparison.compare(program, sameFix);
        assertEquals(true, r.equal(), String.valueOf(r.note()));
        assertNull(r.note());
        assertEquals(BUGGY, Files.readString(program.resolve(FILE)), "the program's folder is only read");
    }

    @Test
    void anotherPlausibleChangeIsDifferent() throws Exception {
        String otherFix = """
                --- a/src/main/java/demo/Gcd.java
                +++ b/src/main/java/demo/Gcd.java
                @@ -8 +8 @@
                -        return gcd(a % b, b);
                +        return b == 0 ? a : gcd(b, a % b);
                """;
        ReferenceComparison.Result r = ReferenceComparison.compare(program(), otherFix);
        assertEquals(false, r.equal());
        assertNull(r.note());
    }

    @Test
    void aPatchTouchingAnotherFileIsDifferentEvenIfItAlsoMakesTheReferenceChange() throws Exception {
        Path program = program();
        Files.writeString(program.resolve("README.md"), "gcd\n");
        String more = REFERENCE + """
                --- a/README.md
                +++ b/README.md
                @@ -1 +1 @@
                -gcd
                +gcd, fixed
                """;
        assertEquals(false, ReferenceComparison.compare(program, more).equal());
    }

    @Test
    void aPatchThatDoesNotApplyIsDifferentWithANote() throws Exception {
        String stale = """
                --- a/src/main/java/demo/Gcd.java
                +++ b/src/main/java/demo/Gcd.java
                @@ -8 +8 @@
                -        return nothing;
                +        return gcd(b, a % b);
                """;
        ReferenceComparison.Result r = ReferenceComparison.compare(program(), stale);
        assertEquals(false, r.equal());
        assertTrue(r.note().startsWith("the patch does not apply to a fresh copy: "), r.note());
    }

    @Test
    void withoutAUsableReferenceItCannotBeTold() throws Exception {
        Path program = program();
        Files.delete(program.resolve("reference.diff"));
        ReferenceComparison.Result r = ReferenceComparison.compare(program, REFERENCE);
        assertNull(r.equal());
        assertEquals("no reference.diff to compare with", r.note());

        Files.writeString(program.resolve("reference.diff"), REFERENCE.replace("a % b, b", "x, y"));
        r = ReferenceComparison.compare(program, REFERENCE);
        assertNull(r.equal());
        assertTrue(r.note().startsWith("reference.diff does not apply: "), r.note());
    }

    @Test
    void buildOutputIsNotCompared() throws Exception {
        Path program = program();
        Files.createDirectories(program.resolve("target/classes"));
        Files.writeString(program.resolve("target/classes/Gcd.class"), "stale");
        assertEquals(true, ReferenceComparison.compare(program, REFERENCE).equal());
        assertFalse(Files.exists(program.resolve(FILE + ".orig")));
    }

    private Path program() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("gcd"));
        Files.createDirectories(dir.resolve("src/main/java/demo"));
        Files.writeString(dir.resolve(FILE), BUGGY);
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Files.writeString(dir.resolve("reference.diff"), REFERENCE);
        Files.writeString(dir.resolve("bug.json"), "{\"name\":\"gcd\",\"defectClass\":\"swapped-arguments\"}\n");
        return dir;
    }
}
