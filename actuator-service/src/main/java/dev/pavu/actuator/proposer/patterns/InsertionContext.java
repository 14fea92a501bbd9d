package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;
import dev.pavu.actuator.proposer.MutationContext;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The context of a statement, compared between an insertion point and an ingredient's origin in the manner of
 * SimFix's code similarity (Jiang et al., "Shaping Program Repair Space with Existing Patches and Similar Code",
 * ISSTA 2018: structure and variable-name overlap of two snippets) and CapGen's context similarity (Wen et al.,
 * "Context-Aware Patch Generation for Better Automated Program Repair", ICSE 2018).
 *
 * @param shape node kinds, identifiers left out: of the statement's parents up to its method (e.g. {@code ForStmt},
 *              {@code IfStmt}), of the statements just before and after it ({@code prev:}, {@code next:}) and of
 *              its own tree ({@code self:})
 * @param names the identifiers (variables, methods, fields, types) of the statement and the statements next to it
 */
record InsertionContext(Set<String> shape, Set<String> names) {

    /** Parents looked at, at most. */
    private static final int DEPTH = 6;

    /**
     * @param stmt a statement
     * @return its context
     */
    static InsertionContext of(Statement stmt) {
        Set<String> shape = new HashSet<>();
        Set<String> names = new HashSet<>();
        Node n = stmt.getParentNode().orElse(null);
        int depth = 0;
        while (n != null && !(n instanceof CallableDeclaration<?>) && depth < DEPTH) {
            if (!(n instanceof BlockStmt)) {
                shape.add("parent:" + n.getClass().getSimpleName());
            }
            n = n.getParentNode().orElse(null);
            depth++;
        }
        List<Statement> siblings = MutationContext.siblings(stmt);
        int at = siblings.indexOf(stmt);
        if (at > 0) {
            walk(siblings.get(at - 1), "prev:", shape, names);
        }
        if (at >= 0 && at + 1 < siblings.size()) {
            walk(siblings.get(at + 1), "next:", shape, names);
        }
        walk(stmt, "self:", shape, names);
        return new InsertionContext(shape, names);
    }

    /**
     * The identifiers right around an insertion point, where a renamed variable is credible (SimFix maps an
     * ingredient's variables to the variables used near the faulty code): those of the statement the new one goes
     * next to and of its neighbours, and those of the header of the innermost loop around it.
     *
     * @param anchor the statement the new statement is inserted before or after
     * @return identifiers
     */
    static Set<String> namesNear(Statement anchor) {
        Set<String> names = new HashSet<>();
        Set<String> ignored = new HashSet<>();
        List<Statement> siblings = MutationContext.siblings(anchor);
        int at = siblings.indexOf(anchor);
        for (int k = Math.max(0, at - 1); at >= 0 && k <= Math.min(siblings.size() - 1, at + 1); k++) {
            walk(siblings.get(k), "", ignored, names);
        }
        walk(anchor, "", ignored, names);
        names.addAll(loopControl(anchor));
        return names;
    }

    /**
     * @param anchor a statement
     * @return the identifiers of the header (not the body) of the innermost loop around it: its control variables
     */
    static Set<String> loopControl(Statement anchor) {
        Set<String> names = new HashSet<>();
        Set<String> ignored = new HashSet<>();
        MutationContext.enclosingLoop(anchor).ifPresent(loop -> loop.getChildNodes().stream()
                .filter(c -> c != MutationContext.loopBody(loop))
                .forEach(c -> walk(c, "", ignored, names)));
        return names;
    }

    private static void walk(Node node, String prefix, Set<String> shape, Set<String> names) {
        node.walk(n -> {
            if (n instanceof SimpleName s) {
                names.add(s.getIdentifier());
            } else if (!(n instanceof Type)) {
                shape.add(prefix + n.getClass().getSimpleName());
            }
        });
    }

    /**
     * @param other another context
     * @return {@code 0.6 × Jaccard(shapes) + 0.4 × Jaccard(names)}, in [0, 1]
     */
    double similarity(InsertionContext other) {
        return 0.6 * jaccard(shape, other.shape) + 0.4 * jaccard(names, other.names);
    }

    /**
     * @param a a set
     * @param b another
     * @return |a ∩ b| / |a ∪ b|, 0 when both are empty
     */
    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        Set<String> any = new HashSet<>(a);
        any.addAll(b);
        return (double) both.size() / any.size();
    }
}
