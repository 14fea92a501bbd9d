package dev.pavu.planner.localisation;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The candidate statements of a method: one per line, with a small weight by kind. */
public final class StatementLines {

    /** Weight of a return, condition or loop header (where one-line bugs concentrate). */
    public static final double FAVOURED = 1.0;
    /** Weight of any other statement. */
    public static final double PLAIN = 0.9;

    /**
     * @param line   1-based line of the statement's start
     * @param weight {@link #FAVOURED} or {@link #PLAIN}
     */
    public record Line(int line, double weight) {
    }

    private StatementLines() {
    }

    /**
     * @param callable a method or constructor
     * @return its statements in source order (blocks, empty statements and local type declarations left
     *         out), one per line, the higher weight kept when several share a line
     */
    public static List<Line> of(CallableDeclaration<?> callable) {
        Map<Integer, Double> byLine = new LinkedHashMap<>();
        for (Statement s : callable.findAll(Statement.class)) {
            if (s instanceof BlockStmt || s instanceof EmptyStmt || s instanceof LabeledStmt
                    || s instanceof LocalClassDeclarationStmt || s instanceof LocalRecordDeclarationStmt
                    || s.getBegin().isEmpty()) {
                continue;
            }
            double w = favoured(s) ? FAVOURED : PLAIN;
            int line = s instanceof DoStmt d ? d.getCondition().getBegin().map(p -> p.line).orElse(s.getBegin().get().line)
                    : s.getBegin().get().line;
            byLine.merge(line, w, Math::max);
        }
        List<Line> out = new ArrayList<>();
        byLine.forEach((l, w) -> out.add(new Line(l, w)));
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    /** @return true for returns, conditions and loop headers */
    static boolean favoured(Statement s) {
        return s instanceof ReturnStmt || s instanceof IfStmt || s instanceof ForStmt || s instanceof ForEachStmt
                || s instanceof WhileStmt || s instanceof DoStmt || s instanceof SwitchStmt;
    }
}
