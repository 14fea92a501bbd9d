package dev.pavu.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pavu.cli.CliContext;
import dev.pavu.cli.CliException;
import dev.pavu.cli.output.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the CLI finds the token it sends as {@code Authorization: Bearer …}, first match wins:
 * <ol>
 *   <li>the environment variable {@code PAVU_TOKEN} (CI);</li>
 *   <li>the user's config file ({@code PAVU_CONFIG}, else {@code $XDG_CONFIG_HOME/pavu/config.json}, else
 *       {@code ~/.config/pavu/config.json}, mode 600), written by {@code pavu login}: one token per planner URL;</li>
 *   <li>for a planner on the loopback, the local stack's admin token ({@code PAVU_STACK_DIR}, else
 *       {@code <checkout>/.pavu/stack}, file {@code admin-token}), so that {@code pavu demo} needs no set-up.</li>
 * </ol>
 */
public final class Credentials {

    private final CliContext ctx;

    /** @param ctx environment and working directory */
    public Credentials(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param plannerUrl the planner's base URL
     * @return the token to send to it, or empty to send none
     */
    public Optional<String> token(String plannerUrl) {
        String env = ctx.env().get("PAVU_TOKEN");
        if (env != null && !env.isBlank()) {
            return Optional.of(env.strip());
        }
        Optional<String> stored = stored(plannerUrl);
        if (stored.isPresent()) {
            return stored;
        }
        return loopback(plannerUrl) ? stackToken() : Optional.empty();
    }

    /** @return the user's config file (it may not exist) */
    public Path configFile() {
        String explicit = ctx.env().get("PAVU_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = ctx.env().get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".config");
        return base.resolve("pavu").resolve("config.json");
    }

    /**
     * Stores a token for a planner in the config file (created mode 600, its folder mode 700).
     *
     * @param plannerUrl the planner's base URL
     * @param token      the token
     * @return the file written
     * @throws CliException when the file cannot be written
     */
    public Path store(String plannerUrl, String token) {
        Path file = configFile();
        try {
            ObjectNode root = read(file).filter(JsonNode::isObject).map(n -> (ObjectNode) n)
                    .orElseGet(Json.MAPPER::createObjectNode);
            root.withObject("/tokens").put(plannerUrl, token);
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            trySetPermissions(dir, "rwx------");
            Path tmp = Files.createTempFile(dir, ".config", ".tmp");
            trySetPermissions(tmp, "rw-------");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            trySetPermissions(file, "rw-------");
            return file;
        } catch (IOException e) {
            throw CliException.failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    private Optional<String> stored(String plannerUrl) {
        return read(configFile()).map(n -> n.path("tokens").path(plannerUrl))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isBlank());
    }

    private Optional<String> stackToken() {
        Path dir;
        String env = ctx.env().get("PAVU_STACK_DIR");
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            try {
                dir = ctx.repoRoot().resolve(".pavu/stack");
            } catch (CliException e) {
                return Optional.empty();
            }
        }
        Path file = dir.resolve("admin-token");
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw CliException.usage(file + " is not valid JSON (" + e.getMessage() + "): fix or delete it, then pavu login");
        }
    }

    static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Path home() {
        String h = ctx.env().get("HOME");
        return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
    }

    private static void trySetPermissions(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing finer to set
        }
    }

    /** @return the owner-only permissions expected of the config file */
    static Set<java.nio.file.attribute.PosixFilePermission> ownerOnly() {
        return PosixFilePermissions.fromString("rw-------");
    }
}
