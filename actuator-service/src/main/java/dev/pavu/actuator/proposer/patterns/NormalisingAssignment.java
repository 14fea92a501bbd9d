package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A missing normalisation of an input: before the target statement, a parameter or local it reads is put in the form
 * the code after it assumes — {@code a = Math.abs(a);} for a number (a negative input to code written for
 * non-negative ones), {@code s = s.trim();} and {@code s = s.toLowerCase();} for a string (blanks or case the
 * comparison after it does not expect). At most {@link #MAX_VARIABLES} variables per statement, in order of first
 * read; never a field, a variable the statement declares or writes, or one declared {@code final}.
 */
public final class NormalisingAssignment implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "normalising-assignment";

    /** At most this many variables normalised per target statement. */
    static final int MAX_VARIABLES = 3;

    private static final Map<String, List<String>> BY_TYPE = Map.of(
            "int", List.of("Math.abs(%s)"), "long", List.of("Math.abs(%s)"), "double", List.of("Math.abs(%s)"),
            "float", List.of("Math.abs(%s)"), "String", List.of("%s.trim()", "%s.toLowerCase()"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof Statement stmt) || !MutationContext.inStatementList(stmt)) {
            return List.of();
        }
        Set<String> written = MutationContext.modifiedNames(stmt);
        Map<String, Variable> scope = ctx.scope(stmt);
        Set<String> names = new LinkedHashSet<>();
        for (NameExpr n : ctx.own(stmt, NameExpr.class)) {
            Variable v = scope.get(n.getNameAsString());
            if (v != null && v.kind() != Variable.Kind.FIELD && !written.contains(v.name()) && BY_TYPE.containsKey(v.type())
                    && !isFinal(v.name(), stmt)) {
                names.add(v.name());
            }
        }
        List<Mutation> out = new ArrayList<>();
        for (String name : names.stream().limit(MAX_VARIABLES).toList()) {
            for (String form : BY_TYPE.get(scope.get(name).type())) {
                String statement = name + " = " + form.formatted(name) + ";";
                out.add(new Mutation("insert " + statement + " before the statement", List.of(ctx.insertBefore(stmt, statement)), 0.4));
            }
        }
        return out;
    }

    /** Whether the variable's declaration (parameter or local of the enclosing method) says {@code final}. */
    private static boolean isFinal(String name, Statement stmt) {
        return stmt.findAncestor(CallableDeclaration.class).map(c -> {
            List<Parameter> params = c.getParameters();
            boolean param = params.stream().anyMatch(p -> p.getNameAsString().equals(name) && p.isFinal());
            boolean local = c.findAll(VariableDeclarationExpr.class).stream()
                    .anyMatch(d -> d.isFinal() && d.getVariables().stream().anyMatch(v -> v.getNameAsString().equals(name)));
            return param || local;
        }).orElse(false);
    }
}
