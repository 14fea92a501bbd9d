package dev.pavu.images;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds Pavu's service images with Jib (jib-core), without a Docker daemon and without a base-image registry.
 *
 * <p>Each image is {@code scratch} plus these layers, bottom to top:
 * <ol>
 *   <li>{@code base}: the root file system made by {@code deploy/images/base-rootfs} (a jlinked Java runtime in
 *       {@code /opt/java}, the glibc libraries it links against, {@code /etc/passwd} with the user {@code pavu},
 *       uid/gid 185);</li>
 *   <li>{@code boot-lib}, {@code main-lib}, {@code quarkus}, {@code app}: the service's Quarkus fast-jar
 *       ({@code target/quarkus-app}) in {@code /deployments}, dependencies below the code that changes most.</li>
 * </ol>
 * The container runs as {@code 185:185} with {@code /opt/java/bin/java ... -jar /deployments/quarkus-run.jar}.
 * Every image is written as a Docker-loadable tarball to {@code <out>/images/<service>.tar}; with {@code --push=true}
 * it is also pushed to the registry its name starts with.
 *
 * <p>Arguments ({@code --key=value}): {@code root} (the repository), {@code out} (the module's target directory),
 * {@code services} (comma-separated module names), {@code prefix} and {@code tag} (the image name is
 * {@code <prefix>/<service>:<tag>}), {@code push}, {@code insecure} (allow a plain-HTTP registry). Exits non-zero
 * when a service has no {@code target/quarkus-app} (package it first) or a build fails.
 */
public final class ImageBuilder {

    /** HTTP port of each service (its {@code quarkus.http.port} default); exposed in the image's config. */
    static final Map<String, Integer> PORTS = Map.of(
            "planner-service", 8081, "actuator-service", 8082, "verifier-service", 8083,
            "updater-service", 8084, "model-gateway", 8085);

    static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");
    static final String USER = "185:185";

    private ImageBuilder() {
    }

    /**
     * Entry point (run by exec-maven-plugin in the {@code images} profile).
     *
     * @param args {@code --key=value} pairs, see the class comment
     * @throws Exception when the base file system cannot be made or Jib fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --key=value, got " + arg);
            }
            opts.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path root = Path.of(opts.get("root"));
        Path out = Path.of(opts.get("out"));
        Path rootfs = out.resolve("base-rootfs");
        run(List.of("bash", root.resolve("deploy/images/base-rootfs").toString(), rootfs.toString()));
        Files.createDirectories(out.resolve("images"));
        for (String service : opts.get("services").split(",")) {
            String name = service.trim();
            if (name.isEmpty()) {
                continue;
            }
            String image = opts.get("prefix") + "/" + name + ":" + opts.get("tag");
            Path app = root.resolve(name).resolve("target/quarkus-app");
            if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(app + "/quarkus-run.jar is missing: package " + name + " first");
            }
            JibContainerBuilder builder = containerFor(name, rootfs, app);
            Path tar = out.resolve("images").resolve(name + ".tar");
            JibContainer built = builder.containerize(cache(Containerizer.to(TarImage.at(tar).named(image)), out));
            System.out.println("[images] " + image + " -> " + tar + " (" + built.getDigest() + ")");
            if (Boolean.parseBoolean(opts.getOrDefault("push", "false"))) {
                RegistryImage target = RegistryImage.named(image);
                String user = System.getenv("PAVU_IMAGES_REGISTRY_USER");
                String password = System.getenv("PAVU_IMAGES_REGISTRY_PASSWORD");
                if (user != null && password != null) {
                    target.addCredential(user, password);
                }
                Containerizer push = cache(Containerizer.to(target), out)
                        .setAllowInsecureRegistries(Boolean.parseBoolean(opts.getOrDefault("insecure", "false")));
                built = containerFor(name, rootfs, app).containerize(push);
                System.out.println("[images] pushed " + image + " (" + built.getDigest() + ")");
            }
        }
    }

    /**
     * The image of one service: base layer, fast-jar layers, user, entry point, environment, port and labels.
     *
     * @param service the module name (also the image name)
     * @param rootfs the base root file system directory
     * @param app the service's {@code target/quarkus-app}
     * @return a builder ready to containerize
     * @throws IOException when a directory cannot be walked
     */
    static JibContainerBuilder containerFor(String service, Path rootfs, Path app) throws IOException {
        List<FileEntriesLayer> layers = new ArrayList<>();
        FileEntriesLayer.Builder base = FileEntriesLayer.builder().setName("base");
        try (var top = Files.list(rootfs)) {
            // each top-level entry on its own: Jib cannot add "/" itself
            for (Path entry : top.sorted().toList()) {
                base.addEntryRecursive(entry, AbsoluteUnixPath.get("/" + entry.getFileName()),
                        ImageBuilder::keepPermissions, (src, dest) -> FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                        ImageBuilder::owner);
            }
        }
        layers.add(base.build());
        layers.add(directoryLayer("boot-lib", app.resolve("lib/boot"), DEPLOYMENTS.resolve("lib/boot")));
        layers.add(directoryLayer("main-lib", app.resolve("lib/main"), DEPLOYMENTS.resolve("lib/main")));
        FileEntriesLayer.Builder quarkus = FileEntriesLayer.builder().setName("quarkus")
                .addEntryRecursive(app.resolve("quarkus"), DEPLOYMENTS.resolve("quarkus"))
                .addEntry(app.resolve("quarkus-run.jar"), DEPLOYMENTS.resolve("quarkus-run.jar"));
        if (Files.exists(app.resolve("quarkus-app-dependencies.txt"))) {
            quarkus.addEntry(app.resolve("quarkus-app-dependencies.txt"),
                    DEPLOYMENTS.resolve("quarkus-app-dependencies.txt"));
        }
        layers.add(quarkus.build());
        layers.add(directoryLayer("app", app.resolve("app"), DEPLOYMENTS.resolve("app")));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", "/opt/java");
        env.put("PATH", "/opt/java/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", "/home/pavu");
        env.put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75");
        return Jib.fromScratch()
                .setFileEntriesLayers(layers)
                .setUser(USER)
                .setWorkingDirectory(DEPLOYMENTS)
                .setEnvironment(env)
                .setEntrypoint("/opt/java/bin/java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-jar", DEPLOYMENTS.resolve("quarkus-run.jar").toString())
                .setExposedPorts(Set.of(Port.tcp(PORTS.getOrDefault(service, 8080))))
                .addLabel("org.opencontainers.image.title", service)
                .addLabel("org.opencontainers.image.vendor", "Pavu")
                .addLabel("org.opencontainers.image.base.name", "scratch")
                .setCreationTime(Instant.EPOCH);
    }

    private static FileEntriesLayer directoryLayer(String name, Path source, AbsoluteUnixPath target)
            throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        if (Files.isDirectory(source)) {
            layer.addEntryRecursive(source, target);
        }
        return layer.build();
    }

    /** Keeps the executable bits of the runtime's launchers and the dynamic loader; {@code /tmp} is world-writable. */
    private static FilePermissions keepPermissions(Path source, AbsoluteUnixPath target) {
        if (target.toString().equals("/tmp")) {
            return FilePermissions.fromOctalString("777");
        }
        try {
            FilePermissions own = FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(source));
            // readable by everyone, writable only by the owner (root): the service cannot change its runtime
            int bits = own.getPermissionBits() & 0755 | (Files.isDirectory(source) ? 0755 : 0644);
            return FilePermissions.fromOctalString(Integer.toOctalString(bits));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the permissions of " + source, e);
        }
    }

    /** The service's home and data directories belong to the service's user; everything else to root. */
    private static String owner(Path source, AbsoluteUnixPath target) {
        String path = target.toString();
        return path.startsWith("/home/pavu") || path.startsWith("/var/lib/pavu") ? USER : "0:0";
    }

    private static Containerizer cache(Containerizer containerizer, Path out) {
        return containerizer.setApplicationLayersCache(out.resolve("jib-cache"))
                .setBaseImageLayersCache(out.resolve("jib-base-cache"))
                .setToolName("pavu-images")
                .setOfflineMode(false);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code);
        }
    }
}
