package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Missing increment or decrement: inserts {@code x++;} or {@code x--;} after a statement inside a loop,
 * for an integral local or parameter {@code x} that the loop never changes. A variable of the loop's own
 * condition comes first, in the direction the condition points ({@code while (j >= 0 …)} → {@code j--;}, a
 * loop that cannot end otherwise), a position (an index, or compared with a literal) before a value; then a counter (a local initialised to 0 before the loop and read after
 * it, {@code count++;}); other variables last. On a loop header, the statement goes at the end of the
 * loop's body. Variables changed by an enclosing loop's update ({@code i} of an outer {@code for}) are
 * left alone. {@code x += 1} is the same change and is not proposed separately. At most
 * {@link #MAX_VARIABLES} variables per location.
 */
public final class IncrementInsertion implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "increment-insertion";

    /** At most this many variables per location. */
    static final int MAX_VARIABLES = 3;

    private static final Set<String> INTEGRAL = Set.of("int", "long", "short", "byte");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt)) {
            return List.of();
        }
        Statement anchor;
        Statement loop;
        if (MutationContext.isLoop(stmt) && MutationContext.loopBody(stmt) instanceof BlockStmt body
                && body.getStatements().isNonEmpty() && !isJump(body.getStatements().getLast().orElseThrow())) {
            anchor = body.getStatements().getLast().orElseThrow();
            loop = stmt;
        } else if (MutationContext.inStatementList(stmt) && !isJump(stmt)) {
            anchor = stmt;
            Optional<Statement> l = MutationContext.enclosingLoop(stmt);
            if (l.isEmpty()) {
                return List.of();
            }
            loop = l.get();
        } else {
            return List.of();
        }
        Set<String> modified = MutationContext.modifiedNames(loop);
        Set<String> outerUpdates = outerLoopUpdates(loop);
        Set<String> inCondition = condition(loop).map(MutationContext::namesUsed).orElse(Set.of());
        Map<String, double[]> weights = new LinkedHashMap<>();
        for (Variable v : ctx.scope(anchor).values()) {
            if (v.kind() == Variable.Kind.FIELD || !INTEGRAL.contains(v.type()) || modified.contains(v.name())
                    || outerUpdates.contains(v.name()) || declaredIn(loop, v.name())) {
                continue;
            }
            if (inCondition.contains(v.name())) {
                int direction = direction(loop, v.name());
                double w = isPosition(loop, v.name()) ? 1.0 : 0.6;
                weights.put(v.name(), direction > 0 ? new double[]{w, 0.4 * w} : direction < 0 ? new double[]{0.4 * w, w}
                        : new double[]{0.7 * w, 0.7 * w});
            } else if (isCounter(v.name(), loop)) {
                weights.put(v.name(), new double[]{0.9, 0.3});
            } else {
                weights.put(v.name(), new double[]{0.3, 0.2});
            }
        }
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(weights.entrySet());
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> Math.max(e.getValue()[0], e.getValue()[1])).reversed());
        List<Mutation> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : ranked.subList(0, Math.min(ranked.size(), MAX_VARIABLES))) {
            String x = e.getKey();
            out.add(new Mutation("insert " + x + "++;", List.of(ctx.insertAfter(anchor, x + "++;")), e.getValue()[0]));
            out.add(new Mutation("insert " + x + "--;", List.of(ctx.insertAfter(anchor, x + "--;")), e.getValue()[1]));
        }
        out.sort(Comparator.comparingDouble(Mutation::weight).reversed());
        return out;
    }

    static boolean isJump(Statement s) {
        return s instanceof ReturnStmt || s instanceof BreakStmt || s instanceof ContinueStmt || s instanceof ThrowStmt;
    }

    private static Optional<Expression> condition(Statement loop) {
        return switch (loop) {
            case WhileStmt w -> Optional.of(w.getCondition());
            case DoStmt d -> Optional.of(d.getCondition());
            case ForStmt f -> f.getCompare();
            default -> Optional.empty();
        };
    }

    /** +1 when the condition bounds {@code x} from above ({@code x < n}), -1 from below ({@code x >= 0}), 0 otherwise. */
    private static int direction(Statement loop, String x) {
        Optional<Expression> cond = condition(loop);
        if (cond.isEmpty()) {
            return 0;
        }
        for (BinaryExpr b : cond.get().findAll(BinaryExpr.class)) {
            boolean left = b.getLeft() instanceof NameExpr n && n.getNameAsString().equals(x);
            boolean right = b.getRight() instanceof NameExpr n && n.getNameAsString().equals(x);
            if (!left && !right) {
                continue;
            }
            int sign = switch (b.getOperator()) {
                case LESS, LESS_EQUALS -> 1;
                case GREATER, GREATER_EQUALS -> -1;
                default -> 0;
            };
            return left ? sign : -sign;
        }
        return 0;
    }

    /**
     * A position rather than a value: used in the loop as an array index or a {@code get} / {@code charAt}
     * argument, or compared with a literal in its condition ({@code j >= 0}).
     */
    private static boolean isPosition(Statement loop, String x) {
        for (ArrayAccessExpr a : loop.findAll(ArrayAccessExpr.class)) {
            if (MutationContext.namesUsed(a.getIndex()).contains(x)) {
                return true;
            }
        }
        for (MethodCallExpr m : loop.findAll(MethodCallExpr.class)) {
            if ((m.getNameAsString().equals("get") || m.getNameAsString().equals("charAt")) && m.getArguments().size() == 1
                    && MutationContext.namesUsed(m.getArgument(0)).contains(x)) {
                return true;
            }
        }
        return condition(loop).map(c -> c.findAll(BinaryExpr.class).stream().anyMatch(b ->
                b.getLeft() instanceof NameExpr n && n.getNameAsString().equals(x) && b.getRight() instanceof LiteralExpr
                        || b.getRight() instanceof NameExpr n2 && n2.getNameAsString().equals(x) && b.getLeft() instanceof LiteralExpr))
                .orElse(false);
    }

    /** A local declared before the loop with the value 0 and read after it. */
    private static boolean isCounter(String x, Statement loop) {
        Node parent = loop.getParentNode().orElse(null);
        if (!(parent instanceof BlockStmt block)) {
            return false;
        }
        boolean declaredZero = false;
        boolean readAfter = false;
        boolean after = false;
        for (Statement s : block.getStatements()) {
            if (s == loop) {
                after = true;
                continue;
            }
            if (!after) {
                for (VariableDeclarator v : s.findAll(VariableDeclarator.class)) {
                    if (v.getNameAsString().equals(x) && v.getInitializer().map(IncrementInsertion::isZero).orElse(false)) {
                        declaredZero = true;
                    }
                }
            } else if (MutationContext.namesUsed(s).contains(x)) {
                readAfter = true;
            }
        }
        return declaredZero && readAfter;
    }

    private static boolean isZero(Expression e) {
        return e instanceof IntegerLiteralExpr i && i.getValue().equals("0")
                || e instanceof LongLiteralExpr l && l.getValue().matches("0[lL]");
    }

    /** Declared in the loop (its header or body): a fresh variable each iteration, or the loop's own. */
    private static boolean declaredIn(Statement loop, String x) {
        return loop.findAll(VariableDeclarator.class).stream().anyMatch(v -> v.getNameAsString().equals(x));
    }

    private static Set<String> outerLoopUpdates(Statement loop) {
        Set<String> out = new HashSet<>();
        Optional<Statement> outer = MutationContext.enclosingLoop(loop);
        while (outer.isPresent()) {
            if (outer.get() instanceof ForStmt f) {
                f.getUpdate().forEach(u -> out.addAll(MutationContext.modifiedNames(u)));
            }
            outer = MutationContext.enclosingLoop(outer.get());
        }
        return out;
    }
}
