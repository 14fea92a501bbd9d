package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a {@link FixPattern} sees of one file: the original text, its AST and helpers to find the
 * target's own expressions, the variables in scope and to build text edits from node ranges.
 */
public final class MutationContext {

    private final SourceFile source;
    private final CompilationUnit unit;
    private final Map<Node, Map<String, Variable>> scopeCache = new IdentityHashMap<>();
    private final Map<String, Object> memo = new HashMap<>();

    /**
     * @param source the original file
     * @param unit   its AST, parsed from exactly {@code source.text()}
     */
    public MutationContext(SourceFile source, CompilationUnit unit) {
        this.source = source;
        this.unit = unit;
    }

    /** @return the original file */
    public SourceFile source() {
        return source;
    }

    /** @return the AST of the original file */
    public CompilationUnit unit() {
        return unit;
    }

    /**
     * The expressions that belong to the target itself: its condition, header, operands and arguments,
     * but not the statements nested in its body nor the bodies of lambdas and anonymous classes.
     *
     * @param target a statement or field declaration
     * @param type   the expression class wanted
     * @param <T>    the expression type
     * @return those expressions in source order (pre-order)
     */
    public <T extends Expression> List<T> own(Node target, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (T e : target.findAll(type)) {
            if (ownedBy(e, target)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param node   a node inside {@code target}
     * @param target a statement or declaration
     * @return true when no other statement or body declaration lies between them
     */
    public static boolean ownedBy(Node node, Node target) {
        Node n = node;
        while (n != target) {
            if (n != node && (n instanceof Statement || n instanceof BodyDeclaration<?>)) {
                return false;
            }
            Optional<Node> p = n.getParentNode();
            if (p.isEmpty()) {
                return false;
            }
            n = p.get();
        }
        return true;
    }

    /**
     * A value computed once per file and kept for the other targets and patterns (e.g. the file's
     * constants, the ingredient statements): patterns stay stateless, the file's context keeps the work.
     *
     * @param key     a key unique to what is computed (prefix it with the pattern's name)
     * @param compute computes the value from this context
     * @param <T>     the value's type
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
    }

    /**
     * @param node any node
     * @return the variables visible at the node, name → variable (cached per node)
     */
    public Map<String, Variable> scope(Node node) {
        return scopeCache.computeIfAbsent(node, Scopes::at);
    }

    /**
     * @param e an expression
     * @return its guessed normalised type, or {@code null}
     */
    public String typeOf(Expression e) {
        return Types.guess(e, scope(e));
    }

    /**
     * @param node any node
     * @return the enclosing method, constructor, or empty (field initialisers, initialiser blocks)
     */
    public Optional<CallableDeclaration<?>> enclosingCallable(Node node) {
        Node n = node;
        while (true) {
            Optional<Node> p = n.getParentNode();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            n = p.get();
            if (n instanceof LambdaExpr) {
                return Optional.empty();
            }
            if (n instanceof CallableDeclaration<?> c) {
                return Optional.of(c);
            }
            if (n instanceof TypeDeclaration<?>) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param node any node
     * @return the declared return type of the enclosing method (not across a lambda), or empty
     */
    public Optional<Type> enclosingReturnType(Node node) {
        return enclosingCallable(node).filter(MethodDeclaration.class::isInstance)
                .map(c -> ((MethodDeclaration) c).getType());
    }

    /**
     * @param node any node
     * @return the innermost enclosing type declaration
     */
    public Optional<TypeDeclaration<?>> enclosingType(Node node) {
        Node n = node;
        while (n.getParentNode().isPresent()) {
            n = n.getParentNode().get();
            if (n instanceof TypeDeclaration<?> t) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** @param node a node @return its original text */
    public String text(Node node) {
        return source.text(node);
    }

    /**
     * @param node        the node replaced
     * @param replacement its new text
     * @return the edit
     */
    public TextEdit replace(Node node, String replacement) {
        return new TextEdit(source.begin(node), source.end(node), replacement);
    }

    /**
     * @param node        the node replaced
     * @param replacement its new text
     * @param description what changes
     * @param weight      the mutation's weight in (0, 1]
     * @return a one-edit mutation
     */
    public Mutation mutation(Node node, String replacement, String description, double weight) {
        return new Mutation(description, List.of(replace(node, replacement)), weight);
    }

    /**
     * An edit that inserts a statement on a line of its own after {@code stmt}, indented like it. When
     * only blanks or a line comment follow {@code stmt} on its last line, the new line goes after that
     * line (the comment stays where it was); otherwise the statement follows on the same line.
     *
     * @param stmt      a statement of a block or switch case
     * @param statement the new statement's text, e.g. {@code count++;}
     * @return the edit
     */
    public TextEdit insertAfter(Statement stmt, String statement) {
        int end = source.end(stmt);
        int line = source.lineOf(Math.max(source.begin(stmt), end - 1));
        String rest = source.line(line).substring(Math.min(end - source.lineStart(line), source.line(line).length()));
        String indent = source.indentation(source.lineOf(source.begin(stmt)));
        if (rest.isBlank() || rest.strip().startsWith("//")) {
            int at = source.lineStart(line) + source.line(line).length();
            return TextEdit.insert(at, source.lineSeparator() + indent + statement);
        }
        return TextEdit.insert(end, " " + statement);
    }

    /**
     * An edit that inserts a statement on a line of its own before {@code stmt}, indented like it.
     *
     * @param stmt      a statement of a block or switch case, first on its line
     * @param statement the new statement's text
     * @return the edit
     */
    public TextEdit insertBefore(Statement stmt, String statement) {
        int begin = source.begin(stmt);
        String indent = source.indentation(source.lineOf(begin));
        if (source.text(source.lineStart(source.lineOf(begin)), begin).isBlank()) {
            return TextEdit.insert(begin, statement + source.lineSeparator() + indent);
        }
        return TextEdit.insert(begin, statement + " ");
    }

    /**
     * @param stmt a statement
     * @return true when it sits directly in a block or a switch case (so statements can go before and after it)
     */
    public static boolean inStatementList(Statement stmt) {
        Node parent = stmt.getParentNode().orElse(null);
        return parent instanceof BlockStmt || parent instanceof SwitchEntry;
    }

    /**
     * @param stmt a statement in a block or switch case
     * @return the statements of that block or case, {@code stmt} among them, or an empty list
     */
    public static List<Statement> siblings(Statement stmt) {
        Node parent = stmt.getParentNode().orElse(null);
        if (parent instanceof BlockStmt b) {
            return b.getStatements();
        }
        if (parent instanceof SwitchEntry e) {
            return e.getStatements();
        }
        return List.of();
    }

    /**
     * @param node any node
     * @return the innermost loop around it within the same method or lambda, or empty
     */
    public static Optional<Statement> enclosingLoop(Node node) {
        Node n = node;
        while (n.getParentNode().isPresent()) {
            Node p = n.getParentNode().get();
            if (p instanceof LambdaExpr || p instanceof BodyDeclaration<?>) {
                return Optional.empty();
            }
            if (isLoop(p) && loopBody((Statement) p) == n) {
                return Optional.of((Statement) p);
            }
            n = p;
        }
        return Optional.empty();
    }

    /** @param node any node @return true for {@code for}, for-each, {@code while} and {@code do} statements */
    public static boolean isLoop(Node node) {
        return node instanceof ForStmt || node instanceof ForEachStmt || node instanceof WhileStmt || node instanceof DoStmt;
    }

    /** @param loop a loop statement @return its body */
    public static Statement loopBody(Statement loop) {
        return switch (loop) {
            case ForStmt f -> f.getBody();
            case ForEachStmt f -> f.getBody();
            case WhileStmt w -> w.getBody();
            case DoStmt d -> d.getBody();
            default -> throw new IllegalArgumentException("not a loop: " + loop.getClass().getSimpleName());
        };
    }

    /**
     * @param node any node
     * @return true when it lies in a static method, static initialiser or static field initialiser (not across a class)
     */
    public static boolean inStaticContext(Node node) {
        Node n = node;
        while (n.getParentNode().isPresent()) {
            n = n.getParentNode().get();
            if (n instanceof CallableDeclaration<?> c) {
                return c.isStatic();
            }
            if (n instanceof InitializerDeclaration i) {
                return i.isStatic();
            }
            if (n instanceof FieldDeclaration f) {
                return f.isStatic();
            }
            if (n instanceof TypeDeclaration<?>) {
                return false;
            }
        }
        return false;
    }

    /**
     * @param node any node
     * @return the names assigned, incremented or decremented inside it ({@code x = …}, {@code x += …},
     *         {@code x++}, {@code this.x = …}); array elements are not counted
     */
    public static Set<String> modifiedNames(Node node) {
        Set<String> out = new LinkedHashSet<>();
        for (AssignExpr a : node.findAll(AssignExpr.class)) {
            nameOf(a.getTarget()).ifPresent(out::add);
        }
        for (UnaryExpr u : node.findAll(UnaryExpr.class)) {
            if (u.getOperator().isPostfix() || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                    || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT) {
                nameOf(u.getExpression()).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<String> nameOf(Expression e) {
        if (e instanceof NameExpr n) {
            return Optional.of(n.getNameAsString());
        }
        if (e instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr) {
            return Optional.of(f.getNameAsString());
        }
        return Optional.empty();
    }

    /**
     * @param node any node
     * @return the simple names it reads or writes ({@code x}, {@code this.x}), in source order, without duplicates
     */
    public static Set<String> namesUsed(Node node) {
        Set<String> out = new LinkedHashSet<>();
        for (NameExpr n : node.findAll(NameExpr.class)) {
            out.add(n.getNameAsString());
        }
        for (FieldAccessExpr f : node.findAll(FieldAccessExpr.class)) {
            if (f.getScope() instanceof ThisExpr) {
                out.add(f.getNameAsString());
            }
        }
        return out;
    }

    /**
     * Finds an operator written between two nodes (skipping whitespace and comments).
     *
     * @param left     the node before the operator
     * @param right    the node after it
     * @param operator the operator's text, e.g. {@code <=}
     * @return the edit range of the operator as a zero-length-replacement edit, or empty when not found
     */
    public Optional<TextEdit> operatorBetween(Node left, Node right, String operator) {
        int from = source.end(left);
        int to = source.begin(right);
        String text = source.text();
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? to : nl + 1;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? to : close + 2;
            } else {
                break;
            }
        }
        if (i < to && text.startsWith(operator, i)) {
            return Optional.of(new TextEdit(i, i + operator.length(), operator));
        }
        return Optional.empty();
    }

    /**
     * @param e an expression
     * @return its text, parenthesised unless it binds at least as tightly as a multiplication
     */
    public String operand(Expression e) {
        return tight(e) ? text(e) : "(" + text(e) + ")";
    }

    /**
     * @param e an expression
     * @return its text, parenthesised unless it binds at least as tightly as an addition
     */
    public String additiveOperand(Expression e) {
        if (e instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> text(e);
                default -> "(" + text(e) + ")";
            };
        }
        return operand(e);
    }

    /**
     * @param e an expression
     * @return true when it can take a postfix or unary operator without parentheses
     */
    public static boolean tight(Expression e) {
        return e instanceof NameExpr || e instanceof LiteralExpr || e instanceof MethodCallExpr
                || e instanceof FieldAccessExpr || e instanceof ArrayAccessExpr || e instanceof EnclosedExpr
                || e instanceof ThisExpr || e instanceof ObjectCreationExpr && ((ObjectCreationExpr) e).getAnonymousClassBody().isEmpty()
                || e instanceof UnaryExpr || e instanceof CastExpr;
    }

    /**
     * @param e an expression (typically a condition)
     * @return its logical negation as text: {@code !x}, {@code !(a < b)}, or the operand of an existing {@code !}
     */
    public String negation(Expression e) {
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
            Expression inner = u.getExpression();
            return inner instanceof EnclosedExpr en ? text(en.getInner()) : text(inner);
        }
        if (e instanceof NameExpr || e instanceof MethodCallExpr || e instanceof FieldAccessExpr
                || e instanceof ArrayAccessExpr || e instanceof EnclosedExpr || e instanceof LiteralExpr) {
            return "!" + text(e);
        }
        return "!(" + text(e) + ")";
    }

    /**
     * @param text any text
     * @return the text on one line, whitespace runs collapsed, cut at 60 characters
     */
    public static String shorten(String text) {
        String one = text.replaceAll("\\s+", " ").trim();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }
}
