package dev.pavu.verifier.fast;

import io.quarkus.logging.Log;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a candidate's changed {@code .java} files in the verifier ({@code javax.tools}, {@code -proc:none}, the
 * pom's {@code --release}) against the baseline's classes and test classpath, with one file manager kept per project.
 */
final class FastCompiler implements AutoCloseable {

    private final List<Path> classpath;
    private final String release;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    /** Opened on the first candidate that changes sources ({@link #fileManager}); closed with the project. */
    private StandardJavaFileManager fileManager;

    /**
     * @param classpath the baseline's classes, test classes and test classpath
     * @param release   the pom's {@code --release}, or {@code null}
     */
    FastCompiler(List<Path> classpath, String release) {
        this.classpath = classpath;
        this.release = release;
    }

    /**
     * Compiles a candidate's changed sources alone against the baseline's classes and test classpath.
     *
     * @param sources the changed {@code .java} files (patched)
     * @param out     where the classes go
     * @param srcRoot the root the files' names in errors are relative to
     * @return {@code null} when they compile, else the first three errors, {@code file:[line,col] message} joined by {@code ; }
     * @throws IOException when javac fails without reporting an error (the fast path's failure, not the candidate's)
     */
    String compile(List<Path> sources, Path out, Path srcRoot) throws IOException {
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StandardJavaFileManager fm = fileManager();
        fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
        List<String> opts = new ArrayList<>(List.of("-proc:none", "-implicit:none", "-g", "-nowarn", "-encoding", "UTF-8", "-Xlint:none"));
        if (release != null) {
            opts.addAll(List.of("--release", release));
        }
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
        Boolean ok = javac.getTask(null, fm, diags, opts, null, units).call();
        if (Boolean.TRUE.equals(ok)) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String file = d.getSource() == null ? "?" : srcRoot.relativize(Path.of(d.getSource().toUri())).toString();
            String msg = d.getMessage(java.util.Locale.ROOT).lines().findFirst().orElse("").trim();
            String e = file + ":[" + d.getLineNumber() + "," + d.getColumnNumber() + "] " + msg;
            if (!errors.contains(e)) {
                errors.add(e);
            }
            if (errors.size() == 3) {
                break;
            }
        }
        if (errors.isEmpty()) {
            // not the candidate's compile error: javac itself did not say what failed (the fast path's failure)
            throw new IOException("javac failed without reporting an error");
        }
        return String.join("; ", errors);
    }

    /**
     * The project's javac file manager, opened once: it keeps the baseline's classpath (jars opened and indexed
     * once, not per candidate); each candidate sets only its own output directory.
     */
    private StandardJavaFileManager fileManager() throws IOException {
        if (fileManager == null) {
            fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
        }
        return fileManager;
    }

    @Override
    public void close() {
        if (fileManager != null) {
            try {
                fileManager.close();
            } catch (IOException e) {
                Log.debugf("cannot close the javac file manager: %s", e.getMessage());
            }
            fileManager = null;
        }
    }
}
