package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.TextEdit;

import java.util.ArrayList;
import java.util.List;

/**
 * Wrong overload of a JDK method (PraPR's argument-list mutation, restricted to overloads that exist): a call on a
 * String, StringBuilder or one of {@link JdkSiblings#CLASSES} given one argument too many or too few, when the class
 * has the other overload (read by reflection from the JDK, never from the project):
 * <ul>
 *   <li>the last argument dropped: {@code s.startsWith(prefix, 1)} → {@code s.startsWith(prefix)};</li>
 *   <li>a start added before a single argument of the same type: {@code s.substring(i + 1)} →
 *       {@code s.substring(0, i + 1)} (a prefix) and {@code s.substring(i, i + 1)} (the one element at {@code i},
 *       when the argument is {@code v ± c}).</li>
 * </ul>
 */
public final class OverloadChange implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "overload-change";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (MethodCallExpr call : ctx.own(target, MethodCallExpr.class)) {
            JdkSiblings.Receiver r = JdkSiblings.receiver(call, ctx).orElse(null);
            if (r == null) {
                continue;
            }
            boolean isStatic = r.isStatic();
            List<Expression> args = call.getArguments();
            List<String> argTypes = args.stream().map(ctx::typeOf).toList();
            String name = call.getNameAsString();
            if (!args.isEmpty() && JdkSiblings.hasOverload(r.type(), name, argTypes.subList(0, args.size() - 1), isStatic)) {
                Expression last = args.get(args.size() - 1);
                int from = args.size() == 1 ? ctx.source().begin(last) : ctx.source().end(args.get(args.size() - 2));
                out.add(new Mutation(name + "(...) without its last argument " + MutationContext.shorten(ctx.text(last)),
                        List.of(new TextEdit(from, ctx.source().end(last), "")), 0.6));
            }
            if (args.size() == 1 && argTypes.getFirst() != null
                    && JdkSiblings.hasOverload(r.type(), name, List.of(argTypes.getFirst(), argTypes.getFirst()), isStatic)) {
                Expression a = args.getFirst();
                String text = ctx.text(a);
                out.add(ctx.mutation(a, "0, " + text, name + "(0, " + MutationContext.shorten(text) + ") instead of "
                        + name + "(" + MutationContext.shorten(text) + ")", 0.6));
                if (a instanceof BinaryExpr b && b.getLeft() instanceof NameExpr v
                        && (b.getOperator() == BinaryExpr.Operator.PLUS || b.getOperator() == BinaryExpr.Operator.MINUS)) {
                    out.add(ctx.mutation(a, v.getNameAsString() + ", " + text, name + "(" + v.getNameAsString() + ", "
                            + MutationContext.shorten(text) + ") instead of " + name + "(" + MutationContext.shorten(text) + ")", 0.5));
                }
            }
        }
        return out;
    }
}
