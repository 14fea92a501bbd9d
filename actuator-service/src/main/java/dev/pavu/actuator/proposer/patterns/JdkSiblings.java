package dev.pavu.actuator.proposer.patterns;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.pavu.actuator.proposer.MutationContext;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sibling methods of a few JDK classes, read by reflection from the JDK Pavu runs on (never from the project: only
 * the classes named here are looked at, so no class of a submitted repository is loaded): for a method called with
 * {@code n} arguments, the other public methods of the same class, of the same kind (static or not), with exactly
 * the same parameter types and return type and an {@linkplain #alike alike} name — {@code Integer.toHexString} →
 * {@code toBinaryString}, {@code toOctalString}; {@code Character.isUpperCase} → {@code isLowerCase},
 * {@code isTitleCase}. Ordered by name similarity (longest common prefix plus suffix), most similar first.
 */
final class JdkSiblings {

    /** Simple name → JDK class, for static calls ({@code Integer.toHexString(x)}) and typed receivers ({@code s.trim()}). */
    static final Map<String, Class<?>> CLASSES = Map.ofEntries(
            Map.entry("Math", Math.class), Map.entry("StrictMath", StrictMath.class), Map.entry("Integer", Integer.class),
            Map.entry("Long", Long.class), Map.entry("Double", Double.class), Map.entry("Float", Float.class),
            Map.entry("Character", Character.class), Map.entry("Boolean", Boolean.class), Map.entry("String", String.class),
            Map.entry("StringBuilder", StringBuilder.class), Map.entry("Arrays", Arrays.class),
            Map.entry("Collections", Collections.class), Map.entry("Objects", Objects.class));

    private static final Map<String, List<String>> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> OVERLOADS = new ConcurrentHashMap<>();

    private JdkSiblings() {
    }

    /**
     * The JDK class a call is made on.
     *
     * @param type     a key of {@link #CLASSES}
     * @param isStatic true for {@code Integer.toHexString(x)}, false for {@code s.trim()}
     */
    record Receiver(String type, boolean isStatic) {
    }

    /**
     * @param call a method call
     * @param ctx  its file
     * @return the JDK class it is made on: {@code Type.m(...)} with {@code Type} a key of {@link #CLASSES} and no
     *         variable of that name in scope, or {@code x.m(...)} with {@code x} guessed to be of such a type; else empty
     */
    static Optional<Receiver> receiver(MethodCallExpr call, MutationContext ctx) {
        Expression scope = call.getScope().orElse(null);
        if (scope == null) {
            return Optional.empty();
        }
        boolean isStatic = scope instanceof NameExpr n && !ctx.scope(call).containsKey(n.getNameAsString());
        String type = isStatic ? ((NameExpr) scope).getNameAsString() : ctx.typeOf(scope);
        return type != null && CLASSES.containsKey(type) ? Optional.of(new Receiver(type, isStatic)) : Optional.empty();
    }

    /**
     * @param type     a key of {@link #CLASSES}; anything else answers an empty list
     * @param name     the called method's name
     * @param args     the arguments' guessed types, simple names ({@code char}, {@code String}); {@code null} for unknown
     * @param isStatic true for a call on the class ({@code Integer.toHexString(x)}), false for one on an instance
     * @return the sibling names, most similar first, without {@code name}; empty when the type is unknown, or when the
     *         argument types leave more than one public method of that name, kind and arity (an ambiguous overload)
     */
    static List<String> of(String type, String name, List<String> args, boolean isStatic) {
        Class<?> c = CLASSES.get(type);
        if (c == null) {
            return List.of();
        }
        return CACHE.computeIfAbsent(type + "#" + name + args + (isStatic ? "s" : "i"), k -> compute(c, name, args, isStatic));
    }

    /**
     * @param type     a key of {@link #CLASSES}; anything else answers false
     * @param name     a method name
     * @param types    parameter types as simple names ({@code null}: any)
     * @param isStatic the kind of method
     * @return whether the class has a public method of that name, kind and parameters (answers are cached)
     */
    static boolean hasOverload(String type, String name, List<String> types, boolean isStatic) {
        Class<?> c = CLASSES.get(type);
        return c != null && OVERLOADS.computeIfAbsent(type + "#" + name + types + (isStatic ? "s" : "i"),
                k -> Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(name) && m.getParameterCount() == types.size()
                        && Modifier.isStatic(m.getModifiers()) == isStatic && accepts(m, types)));
    }

    private static List<String> compute(Class<?> c, String name, List<String> args, boolean isStatic) {
        List<Method> called = Arrays.stream(c.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.size() && usable(m, isStatic)
                        && accepts(m, args)).toList();
        if (called.size() != 1) {
            return List.of();
        }
        Method m = called.getFirst();
        List<String> out = new ArrayList<>();
        for (Method other : c.getMethods()) {
            if (!other.getName().equals(name) && usable(other, isStatic) && alike(name, other.getName()) && other.getReturnType() == m.getReturnType()
                    && Arrays.equals(other.getParameterTypes(), m.getParameterTypes()) && !out.contains(other.getName())) {
                out.add(other.getName());
            }
        }
        out.sort(Comparator.comparingInt((String o) -> -similarity(name, o)).thenComparing(Comparator.naturalOrder()));
        return List.copyOf(out);
    }

    /** @return whether {@code m}'s parameters have exactly these simple type names ({@code null}: any type) */
    static boolean accepts(Method m, List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) != null && !m.getParameterTypes()[i].getSimpleName().equals(args.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean usable(Method m, boolean isStatic) {
        return Modifier.isStatic(m.getModifiers()) == isStatic && !m.isAnnotationPresent(Deprecated.class) && !m.isSynthetic()
                && m.getDeclaringClass() != Object.class;
    }

    /** Names that share at least half of the shorter one (and 3 characters) as prefix plus suffix: {@code toHexString} / {@code toOctalString}. */
    static boolean alike(String a, String b) {
        int s = similarity(a, b);
        return s >= 3 && 2 * s >= Math.min(a.length(), b.length());
    }

    /** Length of the common prefix plus the common suffix (not overlapping). */
    static int similarity(String a, String b) {
        int p = 0;
        while (p < a.length() && p < b.length() && a.charAt(p) == b.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < a.length() - p && s < b.length() - p && a.charAt(a.length() - 1 - s) == b.charAt(b.length() - 1 - s)) {
            s++;
        }
        return p + s;
    }
}
