package dev.pavu.planner.localisation;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.pavu.workspace.layout.CheckoutFiles;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Java sources of a checked-out project, parsed with JavaParser and indexed by class and method name.
 *
 * <p>Main code is what lies under a {@code src/main/java} folder (any module); test code under
 * {@code src/test/java}. A project with no {@code src/main/java} at all counts every {@code .java} file
 * outside a {@code test}/{@code tests} folder as main code. Files that do not parse are skipped.
 */
public final class ProjectIndex {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "build", "node_modules", ".pavu",
            ".gradle", ".idea", "out");

    /**
     * A class, interface, enum or record.
     *
     * @param binaryName  e.g. {@code com.acme.Stats$Window}
     * @param simpleName  e.g. {@code Window}
     * @param file        repository-relative path with {@code /} separators
     * @param decl        its declaration
     * @param main        true for main code, false for test code
     * @param superTypes  simple names of the types it extends or implements
     */
    public record TypeInfo(String binaryName, String simpleName, String file, TypeDeclaration<?> decl, boolean main,
                           List<String> superTypes) {
    }

    /**
     * A method or constructor of a type.
     *
     * @param owner its type
     * @param name  method name, or the simple class name for a constructor
     * @param decl  its declaration
     */
    public record MethodInfo(TypeInfo owner, String name, CallableDeclaration<?> decl) {
        /** @return number of declared parameters (a varargs counts one) */
        public int params() {
            return decl.getParameters().size();
        }

        /** @return true for a constructor */
        public boolean constructor() {
            return !(decl instanceof MethodDeclaration);
        }

        /** @return simple name of the return type without type arguments, or {@code null} for void / constructors */
        public String returnType() {
            if (decl instanceof MethodDeclaration m && !m.getType().isVoidType()) {
                return simpleTypeName(m.getType().asString());
            }
            return null;
        }

        /** @return a stable identity: {@code binaryName#name(params)@line} */
        public String key() {
            return owner.binaryName() + "#" + name + "(" + params() + ")@" + decl.getBegin().map(p -> p.line).orElse(0);
        }
    }

    /**
     * A statement found at a line.
     *
     * @param type   the enclosing type
     * @param method the enclosing method, or {@code null} (initialiser)
     * @param line   the statement's first line
     */
    public record LineHit(TypeInfo type, MethodInfo method, int line) {
    }

    private final Map<String, TypeInfo> types = new LinkedHashMap<>();
    private final Map<String, List<TypeInfo>> mainBySimpleName = new HashMap<>();
    private final Map<String, List<MethodInfo>> mainMethodsByName = new HashMap<>();
    private final Map<TypeInfo, List<MethodInfo>> methodsByType = new HashMap<>();
    private final Map<String, CompilationUnit> unitsByFile = new HashMap<>();

    private ProjectIndex() {
    }

    /**
     * Parses the Java sources of a checkout: its regular {@code .java} files, never a symbolic link nor a file below
     * one (see {@link CheckoutFiles}).
     *
     * @param root     the checkout's root folder
     * @param maxFiles parse at most this many files (the rest are ignored, with a log line)
     * @return the index (empty when there is no Java code)
     * @throws IOException when the folder cannot be walked
     */
    public static ProjectIndex load(Path root, int maxFiles) throws IOException {
        // links are neither entered nor read: a link A.java -> /etc/shadow in a submitted repository stays unread
        List<String> files = new ArrayList<>(CheckoutFiles.regularFiles(root, SKIPPED_DIRS, p -> p.endsWith(".java"),
                Integer.MAX_VALUE));
        files.sort(null);
        Map<String, String> sources = new LinkedHashMap<>();
        for (String f : files) {
            if (sources.size() >= maxFiles) {
                Log.warnf("fault localisation: %s has more than %d Java files; the rest are not indexed", root, maxFiles);
                break;
            }
            Optional<String> text = CheckoutFiles.readString(root, f);
            text.ifPresent(t -> sources.put(f, t));
        }
        return of(sources);
    }

    /**
     * Parses sources given as text (what {@link #load} does after reading the files; handy in tests).
     *
     * @param sourcesByPath repository-relative path → Java source text
     * @return the index
     */
    public static ProjectIndex of(Map<String, String> sourcesByPath) {
        ProjectIndex index = new ProjectIndex();
        boolean standardLayout = sourcesByPath.keySet().stream().anyMatch(p -> p.contains("src/main/java/"));
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        sourcesByPath.forEach((path, text) -> {
            ParseResult<CompilationUnit> r = parser.parse(text);
            if (r.getResult().isEmpty() || !r.isSuccessful()) {
                Log.debugf("fault localisation: %s does not parse: %s", path, r.getProblems());
                if (r.getResult().isEmpty()) {
                    return;
                }
            }
            boolean main = standardLayout ? path.contains("src/main/java/")
                    : !(path.contains("/test/") || path.startsWith("test/") || path.contains("/tests/") || path.startsWith("tests/"));
            boolean test = standardLayout ? path.contains("src/test/java/") : !main;
            if (!main && !test) {
                return;
            }
            index.add(path, r.getResult().get(), main);
        });
        return index;
    }

    private void add(String path, CompilationUnit cu, boolean main) {
        unitsByFile.put(path, cu);
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        for (TypeDeclaration<?> t : cu.findAll(TypeDeclaration.class)) {
            String binary = pkg + binaryTail(t);
            List<String> supers = new ArrayList<>();
            if (t instanceof ClassOrInterfaceDeclaration c) {
                c.getExtendedTypes().forEach(x -> supers.add(x.getNameAsString()));
                c.getImplementedTypes().forEach(x -> supers.add(x.getNameAsString()));
            }
            TypeInfo info = new TypeInfo(binary, t.getNameAsString(), path, t, main, List.copyOf(supers));
            types.put(binary, info);
            List<MethodInfo> methods = new ArrayList<>();
            for (var m : t.getMethods()) {
                methods.add(new MethodInfo(info, m.getNameAsString(), m));
            }
            for (var c : t.getConstructors()) {
                methods.add(new MethodInfo(info, t.getNameAsString(), c));
            }
            methodsByType.put(info, methods);
            if (main) {
                mainBySimpleName.computeIfAbsent(info.simpleName(), k -> new ArrayList<>()).add(info);
                for (MethodInfo m : methods) {
                    if (!m.constructor()) {
                        mainMethodsByName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
    }

    private static String binaryTail(TypeDeclaration<?> t) {
        StringBuilder sb = new StringBuilder(t.getNameAsString());
        Node p = t.getParentNode().orElse(null);
        while (p != null) {
            if (p instanceof TypeDeclaration<?> outer) {
                sb.insert(0, outer.getNameAsString() + "$");
            }
            p = p.getParentNode().orElse(null);
        }
        return sb.toString();
    }

    /** @return true when no Java type was indexed */
    public boolean isEmpty() {
        return types.isEmpty();
    }

    /** @return number of main-code types */
    public long mainTypeCount() {
        return types.values().stream().filter(TypeInfo::main).count();
    }

    /**
     * @param binaryName e.g. {@code com.acme.Stats} or {@code com.acme.Stats$Window}
     * @return the type, main or test
     */
    public Optional<TypeInfo> type(String binaryName) {
        return Optional.ofNullable(types.get(binaryName));
    }

    /**
     * @param simpleName a simple class name (type arguments and array brackets are ignored)
     * @return main types of that simple name
     */
    public List<TypeInfo> mainTypesNamed(String simpleName) {
        return mainBySimpleName.getOrDefault(simpleTypeName(simpleName), List.of());
    }

    /**
     * @param name a method name
     * @return main-code methods of that name in any type
     */
    public List<MethodInfo> mainMethodsNamed(String name) {
        return mainMethodsByName.getOrDefault(name, List.of());
    }

    /**
     * @param file repository-relative path with {@code /} separators
     * @return the main types declared in that file (nested ones included), in declaration order
     */
    public List<TypeInfo> mainTypesIn(String file) {
        return types.values().stream().filter(t -> t.main() && t.file().equals(file)).toList();
    }

    /** @return the methods and constructors declared by a type */
    public List<MethodInfo> methodsOf(TypeInfo type) {
        return methodsByType.getOrDefault(type, List.of());
    }

    /**
     * Methods of a name declared by a main type or its main super types (by simple name).
     *
     * @param type the type
     * @param name the method name
     * @return the methods found, the type's own first
     */
    public List<MethodInfo> methodsNamed(TypeInfo type, String name) {
        List<MethodInfo> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<TypeInfo> todo = new ArrayList<>(List.of(type));
        while (!todo.isEmpty()) {
            TypeInfo t = todo.removeFirst();
            if (!seen.add(t.binaryName())) {
                continue;
            }
            for (MethodInfo m : methodsOf(t)) {
                if (m.name().equals(name)) {
                    out.add(m);
                }
            }
            for (String s : t.superTypes()) {
                todo.addAll(mainTypesNamed(s));
            }
        }
        return out;
    }

    /** @return the constructors of a type */
    public List<MethodInfo> constructorsOf(TypeInfo type) {
        return methodsOf(type).stream().filter(MethodInfo::constructor).toList();
    }

    /**
     * The statement at a line of a class's source, e.g. for a stack frame.
     *
     * @param binaryName the class as printed in a stack trace (nested classes with {@code $})
     * @param line       1-based line
     * @return the innermost statement covering the line with its enclosing method, if the class is indexed
     */
    public Optional<LineHit> statementAt(String binaryName, int line) {
        int dollar = binaryName.indexOf('$');
        TypeInfo outer = types.get(dollar < 0 ? binaryName : binaryName.substring(0, dollar));
        if (outer == null || line < 1) {
            return Optional.empty();
        }
        CompilationUnit cu = unitsByFile.get(outer.file());
        Statement best = null;
        for (Statement s : cu.findAll(Statement.class)) {
            if (s instanceof BlockStmt || s.getRange().isEmpty()) {
                continue;
            }
            var r = s.getRange().get();
            if (r.begin.line <= line && line <= r.end.line
                    && (best == null || contains(best, s))) {
                best = s;
            }
        }
        CallableDeclaration<?> callable = null;
        Node anchor = best;
        if (anchor == null) {
            // no statement: look for a callable spanning the line (e.g. a field initialiser will give none)
            for (CallableDeclaration<?> c : cu.findAll(CallableDeclaration.class)) {
                if (c.getRange().isPresent() && c.getRange().get().begin.line <= line && line <= c.getRange().get().end.line) {
                    callable = c;
                }
            }
        } else {
            callable = anchor.findAncestor(CallableDeclaration.class).orElse(null);
        }
        MethodInfo method = callable == null ? null : methodFor(callable);
        TypeInfo type = method != null ? method.owner() : outer;
        int at = best != null ? best.getBegin().get().line : line;
        return Optional.of(new LineHit(type, method, at));
    }

    private static boolean contains(Statement outer, Statement inner) {
        return inner.isDescendantOf(outer);
    }

    /**
     * @param callable a declaration from an indexed file
     * @return its method entry, or {@code null}
     */
    public MethodInfo methodFor(CallableDeclaration<?> callable) {
        for (List<MethodInfo> ms : methodsByType.values()) {
            for (MethodInfo m : ms) {
                if (m.decl() == callable) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * @param type a type name as written, e.g. {@code List<Order>}, {@code com.acme.Stats}, {@code int[]}
     * @return the simple name without package, type arguments or array brackets
     */
    public static String simpleTypeName(String type) {
        String t = type;
        int lt = t.indexOf('<');
        if (lt >= 0) {
            t = t.substring(0, lt);
        }
        t = t.replace("[]", "").replace("...", "").trim();
        int dot = t.lastIndexOf('.');
        return dot >= 0 ? t.substring(dot + 1) : t;
    }

    /** @return simple name of a parsed type, e.g. of a field or parameter */
    static String simpleTypeName(com.github.javaparser.ast.type.Type type) {
        if (type instanceof ClassOrInterfaceType c) {
            return c.getNameAsString();
        }
        return simpleTypeName(type.asString());
    }
}
