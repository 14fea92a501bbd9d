package dev.pavu.verifier.toolchain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding the programs the toolchains run, on the verifier's own {@code PATH}, and where they are installed. */
public final class Executables {

    private Executables() {
    }

    /**
     * @param command a name looked up on {@code PATH}, or a path (containing {@code /})
     * @return the executable, absolute, symbolic links not resolved; empty when none is found
     */
    public static Optional<Path> which(String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            Path p = Path.of(command).toAbsolutePath();
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * The installation an executable belongs to: the directory above the {@code bin/} holding its real file
     * (e.g. {@code /usr/bin/node} → {@code /usr}, {@code /usr/share/gradle/bin/gradle} → {@code /usr/share/gradle}).
     *
     * @param executable an executable
     * @return the installation directory, or the executable's own directory when it is not in a {@code bin/}
     */
    public static Path installation(Path executable) {
        Path real;
        try {
            real = executable.toRealPath();
        } catch (IOException e) {
            real = executable.toAbsolutePath();
        }
        Path dir = real.getParent();
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("bin") && dir.getParent() != null) {
            return dir.getParent();
        }
        return dir == null ? real : dir;
    }

    /**
     * Runs one of the verifier's own tools (never candidate code) outside the sandbox and returns its output.
     *
     * @param command   the command
     * @param timeoutMs limit, milliseconds
     * @return stdout and stderr merged, when it exited 0 in time; empty otherwise
     */
    public static Optional<String> output(List<String> command, long timeoutMs) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(new File(System.getProperty("java.io.tmpdir")))
                    .start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * @param text   output
     * @param lines  non-blank lines to keep from the end
     * @param maxLen characters at most
     * @return the last non-blank lines joined with {@code " | "}, e.g. for a one-line verdict reason
     */
    public static String lastLines(String text, int lines, int maxLen) {
        if (text == null) {
            return "";
        }
        List<String> nonBlank = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String joined = String.join(" | ", nonBlank.subList(Math.max(0, nonBlank.size() - lines), nonBlank.size()));
        return joined.length() <= maxLen ? joined : "…" + joined.substring(joined.length() - maxLen);
    }
}
