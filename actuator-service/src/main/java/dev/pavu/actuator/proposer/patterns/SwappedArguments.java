package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithArguments;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Swapped call arguments: two arguments of a method call or constructor call exchange places. Only
 * arguments that can have the same type are swapped: when the callee is declared in the same file its
 * parameter types must be equal, otherwise the guessed argument types must not differ. Neighbours
 * weigh more than distant pairs.
 */
public final class SwappedArguments implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "swapped-arguments";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        List<Expression> calls = new ArrayList<>();
        calls.addAll(ctx.own(target, MethodCallExpr.class));
        calls.addAll(ctx.own(target, ObjectCreationExpr.class));
        calls.sort((a, b) -> Integer.compare(ctx.source().begin(a), ctx.source().begin(b)));
        for (Expression call : calls) {
            NodeList<Expression> args = ((NodeWithArguments<?>) call).getArguments();
            if (args.size() < 2) {
                continue;
            }
            Optional<List<String>> params = declaredParameterTypes(call, ctx);
            for (int i = 0; i < args.size(); i++) {
                for (int j = i + 1; j < args.size(); j++) {
                    Expression a = args.get(i);
                    Expression b = args.get(j);
                    String ta = ctx.text(a);
                    String tb = ctx.text(b);
                    if (ta.equals(tb) || !compatible(a, b, i, j, params, ctx)) {
                        continue;
                    }
                    double weight = j == i + 1 ? 1.0 : 0.7;
                    out.add(new Mutation("swap arguments " + MutationContext.shorten(ta) + " and "
                            + MutationContext.shorten(tb) + " of " + callee(call),
                            List.of(ctx.replace(a, tb), ctx.replace(b, ta)), weight));
                }
            }
        }
        return out;
    }

    private static String callee(Expression call) {
        if (call instanceof MethodCallExpr m) {
            String scope = m.getScope().filter(sc -> sc instanceof com.github.javaparser.ast.expr.NameExpr)
                    .map(sc -> sc + ".").orElse("");
            return scope + m.getNameAsString() + "(...)";
        }
        return "new " + ((ObjectCreationExpr) call).getType().getNameAsString() + "(...)";
    }

    private static boolean compatible(Expression a, Expression b, int i, int j, Optional<List<String>> params,
                                      MutationContext ctx) {
        if (params.isPresent()) {
            List<String> p = params.get();
            return i < p.size() && j < p.size() && p.get(i).equals(p.get(j));
        }
        String ta = ctx.typeOf(a);
        String tb = ctx.typeOf(b);
        if (ta == null || tb == null) {
            return true;
        }
        if (Types.isNumeric(ta) && Types.isNumeric(tb)) {
            return true;
        }
        return Objects.equals(ta, tb);
    }

    /** Parameter types of the callee when it is declared, without overloads of that arity, in the same class. */
    private static Optional<List<String>> declaredParameterTypes(Expression call, MutationContext ctx) {
        Optional<TypeDeclaration<?>> type = ctx.enclosingType(call);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        int arity = ((NodeWithArguments<?>) call).getArguments().size();
        List<? extends CallableDeclaration<?>> candidates;
        if (call instanceof MethodCallExpr m) {
            if (m.getScope().isPresent() && !(m.getScope().get() instanceof ThisExpr)) {
                return Optional.empty();
            }
            candidates = type.get().getMethodsByName(m.getNameAsString());
        } else {
            ObjectCreationExpr o = (ObjectCreationExpr) call;
            if (!o.getType().getNameAsString().equals(type.get().getNameAsString())) {
                return Optional.empty();
            }
            candidates = type.get().getConstructors();
        }
        List<CallableDeclaration<?>> matching = candidates.stream()
                .filter(c -> c.getParameters().size() == arity && c.getParameters().stream().noneMatch(Parameter::isVarArgs))
                .<CallableDeclaration<?>>map(c -> c).toList();
        if (matching.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(matching.getFirst().getParameters().stream().map(p -> Types.normalise(p.getType())).toList());
    }
}
