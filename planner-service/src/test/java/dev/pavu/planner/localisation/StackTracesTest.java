package dev.pavu.planner.localisation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackTracesTest {

    @Test
    void readsPlainModuleAndLoaderPrefixedFrames() {
        String trace = """
                java.lang.ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3
                	at com.acme.shop.Cart.total(Cart.java:21)
                	at app//com.acme.shop.Cart$Line.price(Cart.java:40)
                	at java.base/java.util.ArrayList.forEach(ArrayList.java:1596)
                	at java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Native Method)
                	at com.acme.shop.CartTest.lambda$totals$0(CartTest.java:17)
                """;
        List<StackFrame> frames = StackTraces.parse(trace);
        assertEquals(5, frames.size());
        assertEquals(new StackFrame("com.acme.shop.Cart", "total", "Cart.java", 21), frames.get(0));
        assertEquals("com.acme.shop.Cart$Line", frames.get(1).className());
        assertEquals("com.acme.shop.Cart", frames.get(1).outerClassName());
        assertEquals("java.util.ArrayList", frames.get(2).className());
        assertEquals(-1, frames.get(3).line());
        assertNull(frames.get(3).fileName());
        assertEquals("lambda$totals$0", frames.get(4).method());
    }

    @Test
    void rootCauseComesFirst() {
        String trace = """
                java.lang.IllegalStateException: wrapped
                	at com.acme.Outer.call(Outer.java:5)
                Caused by: java.lang.NullPointerException
                	at com.acme.Inner.run(Inner.java:9)
                	... 3 more
                """;
        List<StackFrame> frames = StackTraces.rootCauseFirst(trace);
        assertEquals("com.acme.Inner", frames.get(0).className());
        assertEquals("com.acme.Outer", frames.get(1).className());
    }

    @Test
    void nothingToReadGivesNoFrames() {
        assertTrue(StackTraces.parse(null).isEmpty());
        assertTrue(StackTraces.parse("expected: <2.5> but was: <1.6>").isEmpty());
    }
}
