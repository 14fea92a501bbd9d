package dev.pavu.planner.localisation;

import dev.pavu.contracts.TestFailure;
import dev.pavu.planner.localisation.ProjectIndex.LineHit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evidence from the stack frames that fall in main code: the frame's own statement scores highest (the
 * top main frame 1, each frame below it 0.8 of the one above), the other statements of that method less
 * (those before the frame's line a little more than those after, since values flow downwards). Over several
 * failing tests a statement scores {@code 0.6·max + 0.4·mean}, so what every failing test points at wins.
 * An error log given with the job counts as one more failing test.
 */
public final class StackTraceEvidence implements Evidence {

    /** Name of this source. */
    public static final String NAME = "stack-trace";
    static final double FRAME_DECAY = 0.8;
    static final double BEFORE_FRAME = 0.5;
    static final double AFTER_FRAME = 0.4;
    static final int MAX_FRAMES = 8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ScoredLine> collect(LocalisationInput input, ProjectIndex index) {
        List<String> traces = new ArrayList<>();
        for (TestFailure f : input.failingTests()) {
            traces.add(f.stackTrace() != null ? f.stackTrace() : f.message());
        }
        if (input.errorLog() != null && !input.errorLog().isBlank()) {
            traces.add(input.errorLog());
        }
        Map<String, ScoredLine> meta = new LinkedHashMap<>();
        Map<String, Double> max = new HashMap<>();
        Map<String, Double> sum = new HashMap<>();
        int withFrames = 0;
        for (String trace : traces) {
            Map<String, Double> scores = scoreOne(trace, index, meta);
            if (scores.isEmpty()) {
                continue;
            }
            withFrames++;
            scores.forEach((k, v) -> {
                max.merge(k, v, Math::max);
                sum.merge(k, v, Double::sum);
            });
        }
        List<ScoredLine> out = new ArrayList<>();
        for (var e : meta.entrySet()) {
            double score = 0.6 * max.get(e.getKey()) + 0.4 * sum.get(e.getKey()) / withFrames;
            ScoredLine l = e.getValue();
            out.add(new ScoredLine(l.file(), l.line(), l.className(), l.methodName(), Math.min(1.0, score), NAME));
        }
        return out;
    }

    private Map<String, Double> scoreOne(String trace, ProjectIndex index, Map<String, ScoredLine> meta) {
        Map<String, Double> scores = new HashMap<>();
        Set<String> seenFrames = new HashSet<>();
        int k = 0;
        for (StackFrame f : StackTraces.rootCauseFirst(trace)) {
            if (k >= MAX_FRAMES) {
                break;
            }
            var type = index.type(f.outerClassName());
            if (type.isEmpty() || !type.get().main() || f.line() < 1 || !seenFrames.add(f.className() + ":" + f.line())) {
                continue;
            }
            var hit = index.statementAt(f.className(), f.line());
            if (hit.isEmpty()) {
                continue;
            }
            double w = Math.pow(FRAME_DECAY, k++);
            LineHit h = hit.get();
            put(scores, meta, h.type().file(), h.line(), h.type().binaryName(), methodName(h, f), w);
            if (h.method() != null) {
                for (StatementLines.Line s : StatementLines.of(h.method().decl())) {
                    if (s.line() != h.line()) {
                        double near = s.line() < h.line() ? BEFORE_FRAME : AFTER_FRAME;
                        put(scores, meta, h.type().file(), s.line(), h.type().binaryName(), methodName(h, f),
                                near * w * s.weight());
                    }
                }
            }
        }
        return scores;
    }

    private static String methodName(LineHit h, StackFrame f) {
        return h.method() != null ? h.method().name() : f.method();
    }

    private static void put(Map<String, Double> scores, Map<String, ScoredLine> meta, String file, int line,
                            String cls, String method, double score) {
        String key = file + ":" + line;
        scores.merge(key, score, Math::max);
        meta.putIfAbsent(key, new ScoredLine(file, line, cls, method, 0, NAME));
    }
}
