package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the statements a suspicious line points at. A line may hold a whole statement, part of a
 * multi-line statement, or the header of a loop or {@code if} (its condition); a one-line
 * {@code if (c) return x;} yields both the {@code if} and the {@code return}. A statement is a target
 * when the line holds its first token or one of its own expressions (not those of nested statements).
 * When no statement is there, a field declaration with an initialiser on the line is the target.
 */
public final class Targets {

    private Targets() {
    }

    /**
     * @param unit the AST
     * @param line 1-based line
     * @return the target statements (outermost first), or the field declarations on the line, or nothing
     */
    public static List<Node> at(CompilationUnit unit, int line) {
        List<Node> out = new ArrayList<>();
        for (Statement s : unit.findAll(Statement.class, s -> !(s instanceof BlockStmt) && covers(s, line))) {
            if (ownLine(s, line)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            out.addAll(unit.findAll(FieldDeclaration.class, f -> covers(f, line)
                    && f.getVariables().stream().anyMatch(v -> v.getInitializer().isPresent())));
        }
        return out;
    }

    private static boolean covers(Node n, int line) {
        return n.getRange().map(r -> r.begin.line <= line && line <= r.end.line).orElse(false);
    }

    private static boolean ownLine(Statement s, int line) {
        if (s.getRange().map(r -> r.begin.line == line).orElse(false)) {
            return true;
        }
        for (Expression e : s.findAll(Expression.class)) {
            if (MutationContext.ownedBy(e, s) && covers(e, line) && e.findFirst(Statement.class).isEmpty()
                    && e.getRange().map(r -> r.begin.line == line || r.end.line == line || isLeaf(e)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLeaf(Expression e) {
        return e.getChildNodes().stream().noneMatch(Expression.class::isInstance);
    }
}
