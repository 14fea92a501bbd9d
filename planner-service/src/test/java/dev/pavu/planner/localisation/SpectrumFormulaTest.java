package dev.pavu.planner.localisation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formulas against values computed by hand from the papers' definitions (ef, ep, nf, np). */
class SpectrumFormulaTest {

    static final double EPS = 1e-9;

    @Test
    void ochiai() {
        SpectrumFormula o = SpectrumFormula.OCHIAI;
        assertEquals(2 / Math.sqrt(2 * 3), o.score(2, 1, 0, 2), EPS);   // 0.8165
        assertEquals(0.5, o.score(1, 1, 1, 1), EPS);                      // 1 / sqrt(2 * 2)
        assertEquals(1 / Math.sqrt(3 * 4), o.score(1, 3, 2, 0), EPS);
        assertEquals(1.0, o.score(3, 0, 0, 7), EPS);                      // every failing test, no passing one
        assertEquals(0.0, o.score(0, 4, 2, 0), EPS);                      // no failing test executes it
        assertEquals(0.0, o.score(0, 0, 0, 5), EPS);                      // 0 / 0: no failing test at all
    }

    @Test
    void tarantula() {
        SpectrumFormula t = SpectrumFormula.TARANTULA;
        assertEquals(0.75, t.score(2, 1, 0, 2), EPS);                     // 1 / (1 + 1/3)
        assertEquals(0.5, t.score(1, 1, 1, 1), EPS);                      // 0.5 / (0.5 + 0.5)
        assertEquals(1.0 / 3, t.score(1, 2, 1, 0), EPS);                  // 0.5 / (0.5 + 1)
        assertEquals(1.0, t.score(1, 0, 1, 0), EPS);                      // no passing test: ep/P counts 0
        assertEquals(0.0, t.score(0, 3, 2, 1), EPS);
        assertEquals(0.0, t.score(0, 0, 0, 0), EPS);                      // no test at all
    }

    @Test
    void dstarWithStarTwo() {
        SpectrumFormula d = SpectrumFormula.DSTAR;
        assertEquals(4.0, d.raw(2, 1, 0, 2), EPS);                        // 2² / (1 + 0)
        assertEquals(0.8, d.score(2, 1, 0, 2), EPS);                      // 4 / (1 + 4)
        assertEquals(2.0, d.raw(2, 2, 0, 1), EPS);
        assertEquals(2.0 / 3, d.score(2, 2, 0, 1), EPS);
        assertEquals(0.25, d.raw(1, 3, 1, 0), EPS);                       // 1 / (3 + 1)
        assertEquals(Double.POSITIVE_INFINITY, d.raw(3, 0, 0, 4));        // ep + nf = 0
        assertEquals(1.0, d.score(3, 0, 0, 4), EPS);
        assertEquals(0.0, d.score(0, 0, 0, 0), EPS);                      // 0 / 0 with ef = 0
        assertTrue(d.score(3, 1, 0, 4) > d.score(3, 2, 0, 4), "the mapping keeps the order");
    }

    @Test
    void namesAndBadInput() {
        assertEquals(SpectrumFormula.DSTAR, SpectrumFormula.of(" DStar "));
        assertEquals(SpectrumFormula.OCHIAI, SpectrumFormula.named("ochiai"));
        assertEquals(null, SpectrumFormula.named("stack-trace"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectrumFormula.of("jaccard"));
        assertEquals("unknown spectrum formula 'jaccard': use one of ochiai, tarantula, dstar", e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> SpectrumFormula.OCHIAI.score(1, -1, 0, 0));
        assertTrue(neg.getMessage().contains("ep=-1"), neg.getMessage());
    }
}
