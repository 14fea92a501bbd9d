package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.Type;

import java.util.Map;
import java.util.Set;

/**
 * Symbol-less type guesses: literals, declared variables by name, array elements and lengths,
 * {@code size()} / {@code length()} calls, and the arithmetic and comparisons built from them. Good enough to skip mutations that cannot compile (e.g. {@code -} on strings);
 * {@code null} means "unknown" and never blocks a mutation.
 */
public final class Types {

    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double");
    private static final Set<String> NUMERIC = Set.of("byte", "short", "char", "int", "long", "float", "double",
            "Byte", "Short", "Character", "Integer", "Long", "Float", "Double");
    private static final Set<String> INTEGRAL = Set.of("byte", "short", "char", "int", "long",
            "Byte", "Short", "Character", "Integer", "Long");

    private Types() {
    }

    /**
     * @param type a type as written
     * @return the type without whitespace and without a {@code java.lang.} prefix
     */
    public static String normalise(String type) {
        String t = type.replaceAll("\\s+", "");
        return t.startsWith("java.lang.") ? t.substring("java.lang.".length()) : t;
    }

    /**
     * @param type a JavaParser type
     * @return its normalised text
     */
    public static String normalise(Type type) {
        return normalise(type.asString());
    }

    /** @param type normalised type @return true for a primitive type */
    public static boolean isPrimitive(String type) {
        return type != null && PRIMITIVES.contains(type);
    }

    /** @param type normalised type @return true for a numeric primitive or its box */
    public static boolean isNumeric(String type) {
        return type != null && NUMERIC.contains(type);
    }

    /** @param type normalised type @return true for an integral primitive or its box */
    public static boolean isIntegral(String type) {
        return type != null && INTEGRAL.contains(type);
    }

    /** @param type normalised type @return true for {@code float}, {@code double} or their boxes */
    public static boolean isFloating(String type) {
        return "float".equals(type) || "double".equals(type) || "Float".equals(type) || "Double".equals(type);
    }

    /**
     * Whether a value of type {@code from} can be returned or passed where {@code to} is declared without
     * a cast: the same type, a widening primitive conversion, or boxing to the same primitive's box.
     *
     * @param from normalised type of the value
     * @param to   normalised declared type
     * @return true when assignable (by name; unknown reference types only when equal)
     */
    public static boolean assignable(String from, String to) {
        if (from == null || to == null) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        String f = unbox(from);
        String t = unbox(to);
        if (!isPrimitive(f) || !isPrimitive(t)) {
            return false;
        }
        if (f.equals(t)) {
            return isPrimitive(from) || isPrimitive(to);
        }
        if (!isPrimitive(to)) {
            return false; // int → Long does not compile
        }
        return switch (f) {
            case "byte" -> Set.of("short", "int", "long", "float", "double").contains(t);
            case "short", "char" -> Set.of("int", "long", "float", "double").contains(t);
            case "int" -> Set.of("long", "float", "double").contains(t);
            case "long" -> Set.of("float", "double").contains(t);
            case "float" -> "double".equals(t);
            default -> false;
        };
    }

    /** @param type normalised type @return true for {@code boolean} or {@code Boolean} */
    public static boolean isBoolean(String type) {
        return "boolean".equals(type) || "Boolean".equals(type);
    }

    /**
     * @param e     an expression
     * @param scope the variables visible there (name → variable)
     * @return its guessed normalised type, or {@code null} when unknown
     */
    public static String guess(Expression e, Map<String, Variable> scope) {
        if (e instanceof EnclosedExpr en) {
            return guess(en.getInner(), scope);
        }
        if (e instanceof IntegerLiteralExpr) {
            return "int";
        }
        if (e instanceof CharLiteralExpr) {
            return "char";
        }
        if (e instanceof LongLiteralExpr) {
            return "long";
        }
        if (e instanceof DoubleLiteralExpr d) {
            String v = d.getValue();
            return v.endsWith("f") || v.endsWith("F") ? "float" : "double";
        }
        if (e instanceof BooleanLiteralExpr || e instanceof InstanceOfExpr) {
            return "boolean";
        }
        if (e instanceof StringLiteralExpr || e instanceof TextBlockLiteralExpr) {
            return "String";
        }
        if (e instanceof CastExpr c) {
            return normalise(c.getType());
        }
        if (e instanceof ObjectCreationExpr o) {
            return o.getType().getTypeArguments().isPresent() ? null : normalise(o.getType());
        }
        if (e instanceof NameExpr n) {
            Variable v = scope.get(n.getNameAsString());
            return v == null ? null : v.type();
        }
        if (e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            Variable v = scope.get(f.getNameAsString());
            return v != null && v.kind() == Variable.Kind.FIELD ? v.type() : null;
        }
        if (e instanceof FieldAccessExpr f && f.getNameAsString().equals("length")) {
            String owner = guess(f.getScope(), scope);
            return owner != null && owner.endsWith("[]") ? "int" : null;
        }
        if (e instanceof ArrayAccessExpr a) {
            String array = guess(a.getName(), scope);
            return array != null && array.endsWith("[]") ? array.substring(0, array.length() - 2) : null;
        }
        if (e instanceof MethodCallExpr m && m.getScope().isPresent() && m.getArguments().isEmpty()
                && (m.getNameAsString().equals("size") || m.getNameAsString().equals("length"))) {
            String owner = guess(m.getScope().get(), scope);
            return owner == null || !isPrimitive(owner) ? "int" : null;
        }
        if (e instanceof UnaryExpr u) {
            return switch (u.getOperator()) {
                case LOGICAL_COMPLEMENT -> "boolean";
                default -> promote(guess(u.getExpression(), scope));
            };
        }
        if (e instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case OR, AND, EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> "boolean";
                case PLUS -> {
                    String l = guess(b.getLeft(), scope);
                    String r = guess(b.getRight(), scope);
                    if ("String".equals(l) || "String".equals(r)) {
                        yield "String";
                    }
                    yield binaryNumeric(l, r);
                }
                case MINUS, MULTIPLY, DIVIDE, REMAINDER -> binaryNumeric(guess(b.getLeft(), scope), guess(b.getRight(), scope));
                case LEFT_SHIFT, SIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> promote(guess(b.getLeft(), scope));
                case BINARY_AND, BINARY_OR, XOR -> {
                    String l = guess(b.getLeft(), scope);
                    yield isBoolean(l) ? "boolean" : binaryNumeric(l, guess(b.getRight(), scope));
                }
            };
        }
        return null;
    }

    /**
     * @param node any node
     * @return true when the node is a literal {@code null}
     */
    public static boolean isNullLiteral(Node node) {
        return node instanceof com.github.javaparser.ast.expr.NullLiteralExpr;
    }

    private static String unbox(String t) {
        if (t == null) {
            return null;
        }
        return switch (t) {
            case "Byte" -> "byte";
            case "Short" -> "short";
            case "Character" -> "char";
            case "Integer" -> "int";
            case "Long" -> "long";
            case "Float" -> "float";
            case "Double" -> "double";
            default -> t;
        };
    }

    private static String promote(String t) {
        t = unbox(t);
        if (t == null || !isNumeric(t)) {
            return null;
        }
        return switch (t) {
            case "byte", "short", "char" -> "int";
            default -> t;
        };
    }

    private static String binaryNumeric(String l, String r) {
        l = promote(l);
        r = promote(r);
        if (l == null || r == null) {
            return null;
        }
        for (String t : new String[]{"double", "float", "long"}) {
            if (t.equals(l) || t.equals(r)) {
                return t;
            }
        }
        return "int";
    }
}
