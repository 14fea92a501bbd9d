package dev.pavu.actuator.proposer;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.type.UnknownType;
import com.github.javaparser.ast.type.VarType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Variables in scope at a node, the symbol-less way: walk outwards from the node and collect the
 * locals declared before it in each enclosing block, loop and catch variables, resources, lambda
 * parameters, the enclosing method's parameters and the fields of every enclosing class (instance
 * fields only outside static methods). An inner declaration shadows an outer one of the same name.
 */
public final class Scopes {

    private Scopes() {
    }

    /**
     * @param node any node inside a type declaration
     * @return name → variable, innermost declarations first
     */
    public static Map<String, Variable> at(Node node) {
        Map<String, Variable> vars = new LinkedHashMap<>();
        boolean staticContext = false;
        Node child = node;
        Optional<Node> parentOpt = node.getParentNode();
        while (parentOpt.isPresent()) {
            Node parent = parentOpt.get();
            switch (parent) {
                case BlockStmt block -> addLocalsBefore(block.getStatements(), child, vars);
                case SwitchEntry entry -> {
                    addLocalsBefore(entry.getStatements(), child, vars);
                    entry.getParentNode().ifPresent(sw -> sw.getChildNodes().stream()
                            .filter(SwitchEntry.class::isInstance).map(SwitchEntry.class::cast)
                            .takeWhile(e -> e != entry)
                            .forEach(e -> addLocalsBefore(e.getStatements(), null, vars)));
                }
                case ForStmt f -> {
                    if (!f.getInitialization().contains(child)) {
                        f.getInitialization().forEach(init -> addDeclarations(init, vars));
                    }
                }
                case ForEachStmt f -> {
                    if (child == f.getBody()) {
                        addDeclarations(f.getVariable(), vars);
                    }
                }
                case CatchClause c -> add(c.getParameter(), Variable.Kind.LOCAL, vars);
                case TryStmt t -> {
                    if (child == t.getTryBlock()) {
                        t.getResources().forEach(r -> addDeclarations(r, vars));
                    }
                }
                case LambdaExpr l -> l.getParameters().forEach(p -> add(p, Variable.Kind.LOCAL, vars));
                case CallableDeclaration<?> c -> {
                    c.getParameters().forEach(p -> add(p, Variable.Kind.PARAMETER, vars));
                    staticContext = staticContext || c.isStatic();
                }
                case InitializerDeclaration i -> staticContext = staticContext || i.isStatic();
                case FieldDeclaration f -> staticContext = staticContext || f.isStatic();
                case TypeDeclaration<?> t -> {
                    addFields(t, staticContext, vars);
                    // a nested non-static class sees the outer instance fields; a static one does not
                    staticContext = t.isStatic() || t.isRecordDeclaration() || t.isEnumDeclaration()
                            || t.isClassOrInterfaceDeclaration() && t.asClassOrInterfaceDeclaration().isInterface();
                }
                case ObjectCreationExpr o -> {
                    // anonymous class body: its own fields are visible to its methods
                    if (o.getAnonymousClassBody().isPresent() && o.getAnonymousClassBody().get().contains(child)) {
                        o.getAnonymousClassBody().get().stream().filter(FieldDeclaration.class::isInstance)
                                .map(FieldDeclaration.class::cast)
                                .forEach(fd -> fd.getVariables().forEach(v -> addVariable(v, Variable.Kind.FIELD, fd.isStatic(), vars)));
                    }
                }
                default -> {
                }
            }
            child = parent;
            parentOpt = parent.getParentNode();
        }
        return vars;
    }

    private static void addLocalsBefore(NodeList<Statement> statements, Node child, Map<String, Variable> vars) {
        for (Statement s : statements) {
            if (s == child) {
                return;
            }
            if (s instanceof ExpressionStmt es) {
                addDeclarations(es.getExpression(), vars);
            }
        }
    }

    private static void addDeclarations(Expression e, Map<String, Variable> vars) {
        if (e instanceof VariableDeclarationExpr vde) {
            vde.getVariables().forEach(v -> addVariable(v, Variable.Kind.LOCAL, false, vars));
        }
    }

    private static void addFields(TypeDeclaration<?> type, boolean staticContext, Map<String, Variable> vars) {
        for (FieldDeclaration fd : type.getFields()) {
            if (staticContext && !fd.isStatic()) {
                continue;
            }
            fd.getVariables().forEach(v -> addVariable(v, Variable.Kind.FIELD, fd.isStatic(), vars));
        }
        if (type instanceof RecordDeclaration r && !staticContext) {
            r.getParameters().forEach(p -> vars.putIfAbsent(p.getNameAsString(),
                    new Variable(p.getNameAsString(), Types.normalise(p.getType()), Variable.Kind.FIELD, false)));
        }
    }

    private static void add(Parameter p, Variable.Kind kind, Map<String, Variable> vars) {
        if (p.getType() instanceof UnknownType || p.getType() instanceof VarType) {
            return;
        }
        String type = Types.normalise(p.getType()) + (p.isVarArgs() ? "[]" : "");
        vars.putIfAbsent(p.getNameAsString(), new Variable(p.getNameAsString(), type, kind, false));
    }

    private static void addVariable(VariableDeclarator v, Variable.Kind kind, boolean isStatic, Map<String, Variable> vars) {
        String type;
        if (v.getType() instanceof VarType) {
            type = v.getInitializer().map(init -> init instanceof ArrayCreationExpr ac
                    ? Types.normalise(ac.createdType()) : Types.guess(init, Map.of())).orElse(null);
            if (type == null) {
                return;
            }
        } else {
            type = Types.normalise(v.getType());
        }
        vars.putIfAbsent(v.getNameAsString(), new Variable(v.getNameAsString(), type, kind, isStatic));
    }
}
