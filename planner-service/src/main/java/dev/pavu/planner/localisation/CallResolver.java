package dev.pavu.planner.localisation;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import dev.pavu.planner.localisation.ProjectIndex.MethodInfo;
import dev.pavu.planner.localisation.ProjectIndex.TypeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the main-code methods a method calls, without a full type solver: the receiver's type comes from
 * the declared type of a field, parameter or local variable ({@code var x = new T()} counts as {@code T}),
 * a class name (static call), {@code new T(...)}, a cast, or the return type of a resolved call. Calls
 * whose receiver is of a library type are not followed. Calls whose receiver type is unknown are matched
 * by method name across the main code, with a lower confidence, when few methods carry that name.
 */
public final class CallResolver {

    /** Most main methods a name-only match may return; more means the name says too little. */
    static final int MAX_NAME_MATCHES = 6;
    /** Confidence of a match by name only. */
    static final double NAME_ONLY = 0.5;
    /** Confidence of an implementation reached through an interface or super type. */
    static final double VIA_SUPERTYPE = 0.8;

    /**
     * A resolved call.
     *
     * @param target     the main-code method or constructor called
     * @param confidence 1 when the receiver's type was known, less for guesses
     */
    public record Call(MethodInfo target, double confidence) {
    }

    private final ProjectIndex index;

    /** @param index the project */
    public CallResolver(ProjectIndex index) {
        this.index = index;
    }

    /**
     * @param caller a method or constructor from the index (main or test)
     * @return the main-code methods its body calls, each once with its best confidence
     */
    public List<Call> callsIn(MethodInfo caller) {
        return callsWithin(caller, caller.decl());
    }

    /**
     * The calls inside one part of a method, e.g. the statement of a failing assertion.
     *
     * @param caller the enclosing method (gives the variables' types)
     * @param within a node inside it
     * @return the main-code methods called there, each once with its best confidence
     */
    public List<Call> callsWithin(MethodInfo caller, Node within) {
        Map<String, String> vars = variableTypes(caller);
        Map<String, Call> out = new LinkedHashMap<>();
        within.walk(Node.TreeTraversal.PREORDER, n -> {
            List<Call> found = switch (n) {
                case MethodCallExpr m -> resolve(m, caller.owner(), vars);
                case ObjectCreationExpr o -> constructors(o);
                case MethodReferenceExpr r -> reference(r, caller.owner(), vars);
                default -> List.of();
            };
            for (Call c : found) {
                out.merge(c.target().key(), c, (a, b) -> a.confidence() >= b.confidence() ? a : b);
            }
        });
        return new ArrayList<>(out.values());
    }

    private List<Call> resolve(MethodCallExpr m, TypeInfo owner, Map<String, String> vars) {
        String name = m.getNameAsString();
        int argc = m.getArguments().size();
        if (m.getScope().isEmpty() || m.getScope().get() instanceof ThisExpr) {
            List<MethodInfo> own = new ArrayList<>();
            for (TypeInfo t = owner; t != null && own.isEmpty(); t = enclosing(t)) {
                own.addAll(index.methodsNamed(t, name));
            }
            if (!own.isEmpty()) {
                return sure(byArity(own, argc), 1.0);
            }
            return byName(name, argc);
        }
        String type = typeOf(m.getScope().get(), owner, vars);
        if (type == null) {
            return byName(name, argc);
        }
        return onType(type, name, argc);
    }

    private List<Call> onType(String type, String name, int argc) {
        List<TypeInfo> types = index.mainTypesNamed(type);
        if (types.isEmpty()) {
            return List.of(); // a library type: not ours to repair
        }
        List<Call> out = new ArrayList<>();
        for (TypeInfo t : types) {
            out.addAll(sure(byArity(index.methodsNamed(t, name), argc), 1.0));
        }
        // implementations of an interface / overrides in sub types
        for (MethodInfo m : byArity(index.mainMethodsNamed(name), argc)) {
            if (m.owner().superTypes().contains(type) && out.stream().noneMatch(c -> c.target().equals(m))) {
                out.add(new Call(m, VIA_SUPERTYPE));
            }
        }
        return out;
    }

    private List<Call> byName(String name, int argc) {
        List<MethodInfo> all = byArity(index.mainMethodsNamed(name), argc);
        return all.size() > MAX_NAME_MATCHES ? List.of() : sure(all, NAME_ONLY);
    }

    private List<Call> constructors(ObjectCreationExpr o) {
        if (o.getAnonymousClassBody().isPresent()) {
            return List.of();
        }
        List<Call> out = new ArrayList<>();
        for (TypeInfo t : index.mainTypesNamed(o.getType().getNameAsString())) {
            out.addAll(sure(byArity(index.constructorsOf(t), o.getArguments().size()), 1.0));
        }
        return out;
    }

    private List<Call> reference(MethodReferenceExpr r, TypeInfo owner, Map<String, String> vars) {
        String name = r.getIdentifier();
        Expression scope = r.getScope();
        String type = scope instanceof TypeExpr te ? ProjectIndex.simpleTypeName(te.getType())
                : typeOf(scope, owner, vars);
        if ("new".equals(name) && type != null) {
            List<Call> out = new ArrayList<>();
            index.mainTypesNamed(type).forEach(t -> out.addAll(sure(index.constructorsOf(t), 1.0)));
            return out;
        }
        if (type == null) {
            return byName(name, -1);
        }
        List<Call> out = new ArrayList<>();
        index.mainTypesNamed(type).forEach(t -> out.addAll(sure(index.methodsNamed(t, name), VIA_SUPERTYPE)));
        return out;
    }

    /** @return simple type name of an expression used as a call receiver, or {@code null} when unknown */
    private String typeOf(Expression e, TypeInfo owner, Map<String, String> vars) {
        return switch (e) {
            case NameExpr n -> {
                String v = vars.get(n.getNameAsString());
                if (v != null) {
                    yield v;
                }
                yield index.mainTypesNamed(n.getNameAsString()).isEmpty() ? null : n.getNameAsString();
            }
            case ThisExpr t -> owner.simpleName();
            case FieldAccessExpr f when f.getScope() instanceof ThisExpr -> vars.get(f.getNameAsString());
            case FieldAccessExpr f -> index.mainTypesNamed(f.getNameAsString()).isEmpty() ? null : f.getNameAsString();
            case ObjectCreationExpr o -> o.getType().getNameAsString();
            case CastExpr c -> ProjectIndex.simpleTypeName(c.getType());
            case EnclosedExpr en -> typeOf(en.getInner(), owner, vars);
            case MethodCallExpr m -> {
                List<Call> targets = resolve(m, owner, vars);
                yield targets.size() == 1 ? targets.getFirst().target().returnType() : null;
            }
            default -> null;
        };
    }

    /** @return variable name → simple type name for the fields, parameters and locals a method sees */
    private Map<String, String> variableTypes(MethodInfo caller) {
        Map<String, String> vars = new HashMap<>();
        for (TypeInfo t = caller.owner(); t != null; t = enclosing(t)) {
            for (FieldDeclaration f : t.decl().getFields()) {
                for (VariableDeclarator v : f.getVariables()) {
                    vars.putIfAbsent(v.getNameAsString(), declaredType(v));
                }
            }
        }
        CallableDeclaration<?> decl = caller.decl();
        for (Parameter p : decl.getParameters()) {
            vars.put(p.getNameAsString(), ProjectIndex.simpleTypeName(p.getType()));
        }
        for (VariableDeclarator v : decl.findAll(VariableDeclarator.class)) {
            String t = declaredType(v);
            if (t != null) {
                vars.put(v.getNameAsString(), t);
            }
        }
        for (Parameter p : decl.findAll(Parameter.class)) { // lambda and catch parameters with a type
            if (!p.getType().isUnknownType() && !p.getType().isVarType()) {
                vars.putIfAbsent(p.getNameAsString(), ProjectIndex.simpleTypeName(p.getType()));
            }
        }
        vars.values().removeIf(v -> v == null);
        return vars;
    }

    private static String declaredType(VariableDeclarator v) {
        if (v.getType().isVarType()) {
            return v.getInitializer().filter(Expression::isObjectCreationExpr)
                    .map(i -> i.asObjectCreationExpr().getType().getNameAsString())
                    .or(() -> v.getInitializer().filter(Expression::isCastExpr)
                            .map(i -> ProjectIndex.simpleTypeName(i.asCastExpr().getType())))
                    .orElse(null);
        }
        return ProjectIndex.simpleTypeName(v.getType());
    }

    private TypeInfo enclosing(TypeInfo t) {
        Node p = t.decl().getParentNode().orElse(null);
        while (p != null && !(p instanceof TypeDeclaration<?>)) {
            p = p.getParentNode().orElse(null);
        }
        if (p == null) {
            return null;
        }
        int i = t.binaryName().lastIndexOf('$');
        return i < 0 ? null : index.type(t.binaryName().substring(0, i)).orElse(null);
    }

    private static List<MethodInfo> byArity(List<MethodInfo> methods, int argc) {
        if (argc < 0) {
            return methods;
        }
        List<MethodInfo> exact = methods.stream()
                .filter(m -> m.params() == argc || (m.params() > 0 && m.decl().getParameter(m.params() - 1).isVarArgs() && argc >= m.params() - 1)).toList();
        return exact.isEmpty() ? methods : exact;
    }

    private static List<Call> sure(List<MethodInfo> methods, double confidence) {
        return methods.stream().map(m -> new Call(m, confidence)).toList();
    }
}
