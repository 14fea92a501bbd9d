package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.pavu.actuator.proposer.FixPattern;
import dev.pavu.actuator.proposer.Mutation;
import dev.pavu.actuator.proposer.MutationContext;
import dev.pavu.actuator.proposer.Types;
import dev.pavu.actuator.proposer.Variable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wrong method called: a call replaced by a sibling method of the same signature (parameter types and
 * return type) declared in the same class — for calls on {@code this}, unqualified calls, and calls on
 * a variable whose type is a class of the same file (never the calling method itself). Well-known JDK
 * siblings ({@code Math.min} ↔ {@code Math.max}, {@code peek} ↔ {@code pop}, {@code add} ↔ {@code addAll}, …)
 * are proposed with a lower weight, then at most {@link #MAX_JDK_SIBLINGS} siblings of the same signature read from the
 * JDK ({@link JdkSiblings}: {@code Integer.toHexString} → {@code toBinaryString}), most similar names first.
 */
public final class MethodCallReplacement implements FixPattern {

    /** Pattern name. */
    public static final String NAME = "method-call-replacement";

    /** At most this many siblings read from the JDK by reflection ({@link JdkSiblings}) per call. */
    static final int MAX_JDK_SIBLINGS = 4;

    /** Name-level sibling groups of the JDK (strings, math, collections, java.time); any member may replace another. */
    static final List<List<String>> KNOWN_SIBLINGS = List.of(
            List.of("min", "max"), List.of("floor", "ceil", "round"), List.of("floorDiv", "floorMod"),
            List.of("indexOf", "lastIndexOf"), List.of("startsWith", "endsWith"), List.of("equals", "equalsIgnoreCase"),
            List.of("toUpperCase", "toLowerCase"), List.of("isEmpty", "isBlank"), List.of("trim", "strip"),
            List.of("replace", "replaceAll", "replaceFirst"),
            List.of("add", "addAll"), List.of("remove", "removeAll"), List.of("peek", "pop", "poll"),
            List.of("getFirst", "getLast"), List.of("peekFirst", "peekLast"), List.of("pollFirst", "pollLast"),
            List.of("addFirst", "addLast"), List.of("removeFirst", "removeLast"), List.of("offerFirst", "offerLast"),
            List.of("first", "last"), List.of("floorKey", "ceilingKey"), List.of("lowerKey", "higherKey"),
            List.of("floorEntry", "ceilingEntry"), List.of("headSet", "tailSet"), List.of("headMap", "tailMap"),
            List.of("containsKey", "containsValue"), List.of("keySet", "values"), List.of("put", "putIfAbsent"),
            List.of("isBefore", "isAfter"), List.of("plusDays", "minusDays"), List.of("plus", "minus"),
            List.of("add", "subtract"), List.of("anyMatch", "allMatch", "noneMatch"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Mutation> apply(Node target, MutationContext ctx) {
        List<Mutation> out = new ArrayList<>();
        for (MethodCallExpr call : ctx.own(target, MethodCallExpr.class)) {
            String name = call.getNameAsString();
            Set<String> proposed = new LinkedHashSet<>();
            Optional<TypeDeclaration<?>> owner = ownerType(call, ctx);
            if (owner.isPresent()) {
                boolean staticOnly = call.getScope().isEmpty() && ctx.enclosingCallable(call)
                        .map(CallableDeclaration::isStatic).orElse(false);
                String caller = ctx.enclosingCallable(call).map(c -> c.getNameAsString()).orElse("");
                for (String sibling : siblings(owner.get(), name, call.getArguments().size(), staticOnly)) {
                    // never turn a call into a recursive call of the calling method
                    if (!sibling.equals(caller) && proposed.add(sibling)) {
                        out.add(rename(call, sibling, 1.0, ctx));
                    }
                }
            }
            for (List<String> group : KNOWN_SIBLINGS) {
                if (group.contains(name)) {
                    for (String sibling : group) {
                        if (!sibling.equals(name) && proposed.add(sibling)) {
                            out.add(rename(call, sibling, 0.6, ctx));
                        }
                    }
                }
            }
            int k = 0;
            for (String sibling : jdkSiblings(call, ctx)) {
                if (k >= MAX_JDK_SIBLINGS) {
                    break;
                }
                if (proposed.add(sibling)) {
                    out.add(rename(call, sibling, 0.5 / ++k, ctx));
                }
            }
        }
        return out;
    }

    /** Siblings of a JDK method ({@link JdkSiblings}) for {@code Type.m(...)} or {@code x.m(...)} with x a String or StringBuilder. */
    private static List<String> jdkSiblings(MethodCallExpr call, MutationContext ctx) {
        List<String> args = call.getArguments().stream().map(ctx::typeOf).toList();
        return JdkSiblings.receiver(call, ctx).map(r -> JdkSiblings.of(r.type(), call.getNameAsString(), args, r.isStatic()))
                .orElse(List.of());
    }

    private static Mutation rename(MethodCallExpr call, String sibling, double weight, MutationContext ctx) {
        return ctx.mutation(call.getName(), sibling, "call " + sibling + "(...) instead of " + call.getNameAsString() + "(...)", weight);
    }

    private static Optional<TypeDeclaration<?>> ownerType(MethodCallExpr call, MutationContext ctx) {
        Optional<Expression> scope = call.getScope();
        if (scope.isEmpty() || scope.get() instanceof ThisExpr) {
            return ctx.enclosingType(call);
        }
        if (scope.get() instanceof NameExpr n) {
            Map<String, Variable> vars = ctx.scope(call);
            Variable v = vars.get(n.getNameAsString());
            String typeName = v != null ? v.type() : n.getNameAsString(); // a static call Type.m(...)
            return ctx.unit().findFirst(TypeDeclaration.class, t -> t.getNameAsString().equals(typeName))
                    .map(t -> (TypeDeclaration<?>) t);
        }
        return Optional.empty();
    }

    private static List<String> siblings(TypeDeclaration<?> type, String name, int arity, boolean staticOnly) {
        List<MethodDeclaration> called = type.getMethodsByName(name).stream()
                .filter(m -> m.getParameters().size() == arity).toList();
        if (called.size() != 1) {
            return List.of();
        }
        MethodDeclaration m = called.getFirst();
        String signature = signature(m);
        List<String> out = new ArrayList<>();
        for (MethodDeclaration other : type.getMethods()) {
            if (other.getNameAsString().equals(name) || !signature(other).equals(signature)
                    || staticOnly && !other.isStatic() || out.contains(other.getNameAsString())) {
                continue;
            }
            out.add(other.getNameAsString());
        }
        return out;
    }

    private static String signature(MethodDeclaration m) {
        StringBuilder s = new StringBuilder(Types.normalise(m.getType())).append('(');
        for (Parameter p : m.getParameters()) {
            s.append(Types.normalise(p.getType())).append(p.isVarArgs() ? "..." : "").append(',');
        }
        return s.append(')').toString();
    }
}
