package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.Node;

import java.util.List;

/**
 * A fix pattern of the program-repair literature (TBar / PraPR families): given one suspicious
 * statement it proposes the mutations that would fix a defect of its class.
 *
 * <p>Implementations are small, stateless and thread-safe. They read the original text and AST through
 * the {@link MutationContext} and never modify the AST: a mutation is a list of text edits of the
 * original file, so that a candidate's diff touches only the mutated lines.
 */
public interface FixPattern {

    /** @return the stable pattern name used in events, priors and statistics, e.g. {@code relational-operator-replacement} */
    String name();

    /**
     * @param target a statement at a suspicious line (or a field declaration when the line holds no statement)
     * @param ctx    the file, its AST and helpers (own expressions, variables in scope, edits)
     * @return the mutations of this pattern at the target, most likely first; empty when it does not apply
     */
    List<Mutation> apply(Node target, MutationContext ctx);
}
