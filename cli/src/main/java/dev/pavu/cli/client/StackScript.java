package dev.pavu.cli.client;

import dev.pavu.cli.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code deploy/local/stack} of the checkout (the local Kafka broker, PostgreSQL and the five services).
 * The script's output is copied to the given streams as it comes.
 */
public final class StackScript {

    private final Path script;
    private final Map<String, String> env;

    /**
     * @param repoRoot the Pavu checkout
     * @param env      environment passed on to the script (e.g. {@code PAVU_*} ports)
     */
    public StackScript(Path repoRoot, Map<String, String> env) {
        this.script = repoRoot.resolve("deploy/local/stack");
        this.env = env;
    }

    /**
     * Runs the script and waits for it.
     *
     * @param out  receives the script's stdout
     * @param err  receives the script's stderr
     * @param args e.g. {@code up all}
     * @return the script's exit code
     * @throws CliException when the script is missing or cannot be started
     */
    public int run(PrintStream out, PrintStream err, String... args) {
        if (!Files.isRegularFile(script)) {
            throw CliException.usage("the stack script is missing: " + script);
        }
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(script.getParent().getParent().getParent().toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            int code = p.waitFor();
            o.join();
            e.join();
            return code;
        } catch (IOException ex) {
            throw CliException.failed("cannot run " + script + ": " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted while running " + script);
        }
    }

    private List<String> command(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Thread pump(InputStream in, PrintStream to) {
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try (in) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return t;
    }
}
