package dev.pavu.planner.localisation;

import com.github.javaparser.ast.stmt.Statement;
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
 *
 * <p>A test killed by its time limit ({@link LoopingFrames#timedOut}) left a sample of a loop that does not end,
 * not a failure point: its first main frame inside a loop scores as the top frame would, but spread over that loop
 * by {@link LoopingFrames#scores} (updates of the condition's variables first, then the header, then the rest of
 * the body; the statements outside the loop as before/after the header); the other main frames (code the loop's
 * body calls, above it, and the callers of the loop, below it) count {@link LoopingFrames#BODY} of the weight the
 * frame next to the loop would have, decaying away from it. A timed-out trace with no main
 * frame in a loop is scored as any other.
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
        List<Trace> traces = new ArrayList<>();
        for (TestFailure f : input.failingTests()) {
            traces.add(new Trace(f.stackTrace() != null ? f.stackTrace() : f.message(), LoopingFrames.timedOut(f)));
        }
        if (input.errorLog() != null && !input.errorLog().isBlank()) {
            traces.add(new Trace(input.errorLog(), false));
        }
        Map<String, ScoredLine> meta = new LinkedHashMap<>();
        Map<String, Double> max = new HashMap<>();
        Map<String, Double> sum = new HashMap<>();
        int withFrames = 0;
        for (Trace trace : traces) {
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

    /** A stack trace (or message) and whether its test was killed by its time limit. */
    private record Trace(String text, boolean timedOut) {
    }

    /** A stack frame in main code with the statement it names. */
    private record MainFrame(StackFrame frame, LineHit hit) {
    }

    private Map<String, Double> scoreOne(Trace trace, ProjectIndex index, Map<String, ScoredLine> meta) {
        List<MainFrame> frames = new ArrayList<>();
        Set<String> seenFrames = new HashSet<>();
        for (StackFrame f : StackTraces.rootCauseFirst(trace.text())) {
            if (frames.size() >= MAX_FRAMES) {
                break;
            }
            var type = index.type(f.outerClassName());
            if (type.isEmpty() || !type.get().main() || f.line() < 1 || !seenFrames.add(f.className() + ":" + f.line())) {
                continue;
            }
            index.statementAt(f.className(), f.line()).ifPresent(hit -> frames.add(new MainFrame(f, hit)));
        }
        int loopFrame = trace.timedOut() ? loopFrame(frames) : -1;
        Map<String, Double> scores = new HashMap<>();
        for (int k = 0; k < frames.size(); k++) {
            LineHit h = frames.get(k).hit();
            StackFrame f = frames.get(k).frame();
            // in a timed-out trace, the frames above the loop that does not end are code its body calls, those below
            // it called the loop: both less likely than the loop itself
            double w = loopFrame < 0 ? Math.pow(FRAME_DECAY, k)
                    : k == loopFrame ? 1.0 : LoopingFrames.BODY * Math.pow(FRAME_DECAY, Math.abs(k - loopFrame) - 1);
            Statement loopStmt = k == loopFrame ? LoopingFrames.innermostLoop(h.method().decl(), h.line()).orElseThrow() : null;
            Map<Integer, Double> loop = loopStmt == null ? Map.of() : LoopingFrames.scores(h.method().decl(), loopStmt);
            int anchor = loopStmt == null ? h.line() : LoopingFrames.headerLine(loopStmt);
            if (k != loopFrame) {
                put(scores, meta, h.type().file(), h.line(), h.type().binaryName(), methodName(h, f), w);
            }
            if (h.method() != null) {
                for (StatementLines.Line s : StatementLines.of(h.method().decl())) {
                    Double inLoop = loop.get(s.line());
                    if (inLoop != null) {
                        put(scores, meta, h.type().file(), s.line(), h.type().binaryName(), methodName(h, f),
                                inLoop * w * s.weight());
                    } else if (s.line() != anchor) {
                        double near = s.line() < anchor ? BEFORE_FRAME : AFTER_FRAME;
                        put(scores, meta, h.type().file(), s.line(), h.type().binaryName(), methodName(h, f),
                                near * w * s.weight());
                    }
                }
            }
        }
        return scores;
    }

    /** @return the index of the first frame whose statement lies in a loop of its method, or -1 */
    private static int loopFrame(List<MainFrame> frames) {
        for (int k = 0; k < frames.size(); k++) {
            LineHit h = frames.get(k).hit();
            if (h.method() != null && LoopingFrames.innermostLoop(h.method().decl(), h.line()).isPresent()) {
                return k;
            }
        }
        return -1;
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
