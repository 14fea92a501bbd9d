package dev.pavu.verifier.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputCaptureTest {

    @Test
    void keepsAllWhileItFits() {
        List<String> lines = new ArrayList<>();
        OutputCapture c = new OutputCapture(100, 100, lines::add);
        write(c, "one\ntwo\r\nthr");
        write(c, "ee");
        c.finish();
        assertEquals("one\ntwo\r\nthree", c.text());
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals(0, c.droppedBytes());
    }

    @Test
    void keepsHeadAndTailAndCountsTheRest() {
        OutputCapture c = new OutputCapture(10, 10, null);
        for (int i = 0; i < 1000; i++) {
            write(c, "0123456789");
        }
        write(c, "abcdefghij");
        assertEquals(10_010, c.totalBytes());
        assertEquals(9_990, c.droppedBytes());
        String t = c.text();
        assertTrue(t.startsWith("0123456789\n[… 9990 bytes of output omitted"), t);
        assertTrue(t.endsWith("…]\nabcdefghij"), t);
    }

    private static void write(OutputCapture c, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        c.write(b, 0, b.length);
    }
}
