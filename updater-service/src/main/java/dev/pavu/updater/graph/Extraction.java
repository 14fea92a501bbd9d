package dev.pavu.updater.graph;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.nodeTypes.NodeWithSimpleName;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.resolution.declarations.ResolvedConstructorDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedMethodLikeDeclaration;
import com.github.javaparser.resolution.declarations.ResolvedReferenceTypeDeclaration;
import com.github.javaparser.resolution.types.ResolvedReferenceType;
import com.github.javaparser.resolution.types.ResolvedType;
import dev.pavu.updater.graph.GraphModel.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What one build collects from each file in turn: declarations, resolved call sites (by signature, numbered once every
 * file is read) and the project supertypes of each type. Holds no syntax tree after {@link #file} returns.
 */
final class Extraction {

    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");

    /** A declaration, before numbering. */
    record Declared(Kind kind, String qualifiedName, String simpleName, String signature, String owner, String file,
                    int line, boolean test, boolean testMethod) {
    }

    /** A resolved call site: the calling method's and the called method's signatures. */
    record Call(String caller, String target, int line) {
    }

    final List<Declared> declared = new ArrayList<>();
    /** distinct (caller, target) pairs in the order first met, each with its first call line */
    final List<Call> calls = new ArrayList<>();
    private final java.util.Set<Call> seen = new java.util.HashSet<>();
    /** one String per distinct signature: a call site adds no new string when its pair or its names were seen */
    private final Map<String, String> names = new HashMap<>();
    /** type → its direct supertypes (qualified names, project or not) */
    final Map<String, List<String>> ancestors = new HashMap<>();
    int external;
    int unresolved;
    private final long deadlineNanos;

    Extraction(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    boolean expired() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    /** Collects one parsed file's declarations and calls. */
    void file(CompilationUnit cu, JavaSources.SourceFile file) {
        Map<Node, String> callables = new IdentityHashMap<>();
        for (TypeDeclaration<?> type : cu.findAll(TypeDeclaration.class)) {
            if (type instanceof ClassOrInterfaceDeclaration c && c.isLocalClassDeclaration()) {
                continue;
            }
            type.getFullyQualifiedName().ifPresent(fqn -> declareType(type, fqn, file, callables));
        }
        for (Node site : cu.findAll(Node.class, n -> n instanceof MethodCallExpr || n instanceof ObjectCreationExpr
                || n instanceof ExplicitConstructorInvocationStmt || n instanceof MethodReferenceExpr)) {
            if (expired()) {
                return;
            }
            String caller = enclosing(site, callables);
            if (caller == null) {
                continue; // a field initialiser or an initialiser block: not attributed
            }
            try {
                ResolvedMethodLikeDeclaration target = switch (site) {
                    case MethodCallExpr m -> m.resolve();
                    case ObjectCreationExpr o -> o.resolve();
                    case ExplicitConstructorInvocationStmt e -> e.resolve();
                    case MethodReferenceExpr r -> r.resolve();
                    default -> throw new IllegalStateException();
                };
                Call pair = new Call(names.computeIfAbsent(caller, k -> k),
                        names.computeIfAbsent(key(target), k -> k), 0);
                if (seen.add(pair)) {
                    calls.add(new Call(pair.caller(), pair.target(), site.getBegin().map(p -> p.line).orElse(0)));
                }
            } catch (RuntimeException | StackOverflowError e) {
                unresolved++;
            }
        }
    }

    private void declareType(TypeDeclaration<?> type, String fqn, JavaSources.SourceFile file,
                             Map<Node, String> callables) {
        String owner = type.getParentNode().filter(p -> p instanceof TypeDeclaration<?>)
                .flatMap(p -> ((TypeDeclaration<?>) p).getFullyQualifiedName()).orElse(null);
        add(Kind.TYPE, fqn, type.getNameAsString(), fqn, owner, file, line(type), false);
        try {
            ResolvedReferenceTypeDeclaration resolved = type.resolve();
            List<String> supers = new ArrayList<>();
            for (ResolvedReferenceType a : resolved.getAncestors(true)) {
                supers.add(a.getQualifiedName());
            }
            ancestors.put(fqn, supers);
        } catch (RuntimeException | StackOverflowError e) {
            // no overrides found for this type
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            switch (member) {
                case FieldDeclaration f -> {
                    for (VariableDeclarator v : f.getVariables()) {
                        add(Kind.FIELD, fqn + "." + v.getNameAsString(), v.getNameAsString(),
                                fqn + "." + v.getNameAsString(), fqn, file, line(v), false);
                    }
                }
                case MethodDeclaration m -> {
                    String sig = signature(m, fqn, m.getNameAsString(), m.getParameters());
                    callables.put(m, sig);
                    add(Kind.METHOD, fqn + "." + m.getNameAsString(), m.getNameAsString(), sig, fqn, file, line(m),
                            file.test() && isTest(m));
                }
                case ConstructorDeclaration c -> {
                    String sig = signature(c, fqn, type.getNameAsString(), c.getParameters());
                    callables.put(c, sig);
                    add(Kind.CONSTRUCTOR, fqn + "." + type.getNameAsString(), type.getNameAsString(), sig, fqn, file,
                            line(c), false);
                }
                case CompactConstructorDeclaration c when type instanceof RecordDeclaration r -> {
                    String sig = textual(fqn, r.getNameAsString(), r.getParameters());
                    callables.put(c, sig);
                    add(Kind.CONSTRUCTOR, fqn + "." + r.getNameAsString(), r.getNameAsString(), sig, fqn, file,
                            line(c), false);
                }
                default -> {
                    // nested types are found by findAll; initialisers and annotation members are not symbols
                }
            }
        }
        if (type instanceof RecordDeclaration r) {
            for (Parameter p : r.getParameters()) {
                String name = p.getNameAsString();
                add(Kind.FIELD, fqn + "." + name, name, fqn + "." + name, fqn, file, line(p), false);
                if (r.getMethodsBySignature(name).isEmpty()) { // the implicit accessor, declared by the component
                    add(Kind.METHOD, fqn + "." + name, name, fqn + "." + name + "()", fqn, file, line(p), false);
                }
            }
        }
    }

    private void add(Kind kind, String qualified, String simple, String signature, String owner,
                     JavaSources.SourceFile file, int line, boolean testMethod) {
        declared.add(new Declared(kind, qualified, simple, signature, owner, file.path(), line, file.test(), testMethod));
    }

    private static boolean isTest(MethodDeclaration m) {
        if (m.getAnnotations().stream().anyMatch(a -> TEST_ANNOTATIONS.contains(a.getName().getIdentifier()))) {
            return true;
        }
        return m.getNameAsString().startsWith("test") && m.isPublic() && !m.isStatic() && m.getParameters().isEmpty()
                && m.getType().isVoidType();
    }

    /** The signature of the named method or constructor whose body holds {@code site}, or null. */
    private static String enclosing(Node site, Map<Node, String> callables) {
        Node n = site.getParentNode().orElse(null);
        while (n != null) {
            if (n instanceof CallableDeclaration<?> || n instanceof CompactConstructorDeclaration) {
                String sig = callables.get(n);
                if (sig != null) {
                    return sig; // a method of an anonymous or local class counts for the named one around it
                }
            }
            n = n.getParentNode().orElse(null);
        }
        return null;
    }

    private static String signature(CallableDeclaration<?> d, String owner, String name, List<Parameter> params) {
        try {
            return key(d instanceof MethodDeclaration m ? m.resolve() : ((ConstructorDeclaration) d).resolve());
        } catch (RuntimeException | StackOverflowError e) {
            return textual(owner, name, params);
        }
    }

    /**
     * Owner, name and parameter types resolved one by one (as {@link #key} writes them), each one the solver cannot
     * type as written (generic arguments dropped).
     */
    private static String textual(String owner, String name, List<Parameter> params) {
        StringJoiner p = new StringJoiner(", ", owner + "." + name + "(", ")");
        for (Parameter param : params) {
            String t;
            try {
                ResolvedType r = param.getType().resolve();
                t = r.isTypeVariable() ? "java.lang.Object" : r.erasure().describe();
            } catch (RuntimeException | StackOverflowError e) {
                t = param.getType().asString().replaceAll("<.*>", "");
            }
            p.add(param.isVarArgs() ? t + "[]" : t);
        }
        return p.toString();
    }

    /**
     * A method's or constructor's signature as stored: declaring type, name (a constructor's is its type's simple
     * name) and erased parameter types, e.g. {@code com.acme.Money.plus(com.acme.Money)}.
     */
    static String key(ResolvedMethodLikeDeclaration d) {
        String owner = d.declaringType().getQualifiedName();
        String name = d instanceof ResolvedConstructorDeclaration ? d.declaringType().getName() : d.getName();
        StringJoiner p = new StringJoiner(", ", owner + "." + name + "(", ")");
        for (int i = 0; i < d.getNumberOfParams(); i++) {
            ResolvedType t = d.getParam(i).getType();
            p.add(t.isTypeVariable() ? "java.lang.Object" : t.erasure().describe());
        }
        return p.toString();
    }

    private static int line(Node n) {
        Node named = n instanceof NodeWithSimpleName<?> w ? w.getName() : n;
        return named.getBegin().or(n::getBegin).map(p -> p.line).orElse(0);
    }
}
