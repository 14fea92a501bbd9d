package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changed return value (PraPR's return-value mutators): a returned boolean literal flipped, a returned
 * boolean expression negated, a returned integer literal ±1, a returned number ±1, and a returned
 * {@code null} replaced by the empty value of the declared type ({@code ""}, an empty collection,
 * {@code Optional.empty()}, an empty array, zero).
 */
public final class ReturnValueChange implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "return-value-change";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        if (!(target instanceof ReturnStmt ret) || ret.getExpression().isEmpty()) {
            return List.of();
        }
        Expression e = ret.getExpression().get();
        Optional<Type> declared = ctx.enclosingReturnType(ret);
        String type = declared.map(Types::normalise).orElse(null);
        List<Mutation> out = new ArrayList<>();
        if (e instanceof BooleanLiteralExpr b) {
            String flipped = String.valueOf(!b.getValue());
            out.add(ctx.mutation(e, flipped, "return " + flipped + " instead of " + b.getValue(), 1.0));
        } else if (e instanceof NullLiteralExpr) {
            declared.flatMap(ReturnValueChange::emptyValue).ifPresent(v ->
                    out.add(ctx.mutation(e, v, "return " + v + " instead of null", 1.0)));
        } else if (isIntLiteral(e)) {
            long v = intValue(e);
            String suffix = e instanceof LongLiteralExpr || e instanceof UnaryExpr u && u.getExpression() instanceof LongLiteralExpr ? "L" : "";
            for (long d : new long[]{1, -1}) {
                out.add(ctx.mutation(e, (v + d) + suffix, "return " + (v + d) + suffix + " instead of " + ctx.text(e), 0.8));
            }
        } else if (Types.isBoolean(type)) {
            String negated = ctx.negation(e);
            out.add(ctx.mutation(e, negated, "return " + MutationContext.shorten(negated) + " instead of "
                    + MutationContext.shorten(ctx.text(e)), 0.7));
        } else if (Types.isNumeric(type) && !"char".equals(type) && !"Character".equals(type)) {
            String base = ctx.additiveOperand(e);
            for (String delta : new String[]{" + 1", " - 1"}) {
                out.add(ctx.mutation(e, base + delta, "return " + MutationContext.shorten(base + delta) + " instead of "
                        + MutationContext.shorten(ctx.text(e)), 0.5));
            }
        }
        return out;
    }

    private static boolean isIntLiteral(Expression e) {
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            e = u.getExpression();
        }
        return (e instanceof IntegerLiteralExpr i && i.getValue().matches("[0-9]{1,9}"))
                || (e instanceof LongLiteralExpr l && l.getValue().matches("[0-9]{1,17}[lL]"));
    }

    private static long intValue(Expression e) {
        long sign = 1;
        if (e instanceof UnaryExpr u) {
            sign = -1;
            e = u.getExpression();
        }
        String t = e instanceof IntegerLiteralExpr i ? i.getValue() : ((LongLiteralExpr) e).getValue().replaceAll("[lL]$", "");
        return sign * Long.parseLong(t);
    }

    /**
     * @param type a declared return type
     * @return the empty value of that type, or empty when there is none worth proposing
     */
    static Optional<String> emptyValue(Type type) {
        if (type instanceof ArrayType a) {
            Type component = a.getComponentType();
            String dims = "[]".repeat(a.getArrayLevel() - 1);
            return Optional.of("new " + component.asString().replaceAll("<.*>", "") + "[0]" + dims);
        }
        if (!(type instanceof ClassOrInterfaceType c)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (c.getNameAsString()) {
            case "String", "CharSequence" -> "\"\"";
            case "List", "Collection", "Iterable" -> "java.util.List.of()";
            case "Set" -> "java.util.Set.of()";
            case "Map" -> "java.util.Map.of()";
            case "ArrayList" -> "new java.util.ArrayList<>()";
            case "HashMap" -> "new java.util.HashMap<>()";
            case "HashSet" -> "new java.util.HashSet<>()";
            case "Optional" -> "java.util.Optional.empty()";
            case "OptionalInt" -> "java.util.OptionalInt.empty()";
            case "OptionalLong" -> "java.util.OptionalLong.empty()";
            case "OptionalDouble" -> "java.util.OptionalDouble.empty()";
            case "Stream" -> "java.util.stream.Stream.empty()";
            case "Integer", "Short", "Byte" -> "0";
            case "Long" -> "0L";
            case "Double" -> "0.0";
            case "Float" -> "0.0f";
            case "Boolean" -> "false";
            case "StringBuilder" -> "new StringBuilder()";
            default -> null;
        });
    }
}
