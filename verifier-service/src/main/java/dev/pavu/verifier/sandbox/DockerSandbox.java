package dev.pavu.verifier.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs each command in a fresh container through docker-java: network {@code none} (unless asked), read-only
 * root file system with a tmpfs {@code /tmp}, every capability dropped, {@code no-new-privileges}, memory
 * (no swap), pids and CPU caps, a non-root user; the workspace is bind-mounted writable at its own path, the
 * toolchain paths (e.g. the local Maven repository) read-only. The image brings the JDK and Maven
 * ({@code PATH}/{@code JAVA_HOME} of the request are left to the image). The container is killed at the
 * wall-clock limit and always removed.
 */
public final class DockerSandbox implements Sandbox {

    private final DockerClient docker;
    private final String image;
    private final String user;

    /**
     * @param docker a connected client
     * @param image  image with the toolchain, e.g. {@code maven:3.9-eclipse-temurin-21}
     * @param user   {@code uid:gid} the command runs as, e.g. {@code 65534:65534}
     */
    public DockerSandbox(DockerClient docker, String image, String user) {
        this.docker = docker;
        this.image = image;
        this.user = user;
    }

    /**
     * @param dockerHost e.g. {@code unix:///var/run/docker.sock}; empty = the environment's ({@code DOCKER_HOST})
     * @return a client for the engine
     */
    public static DockerClient client(Optional<String> dockerHost) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder();
        dockerHost.filter(h -> !h.isBlank()).ifPresent(b::withDockerHost);
        DefaultDockerClientConfig cfg = b.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(cfg.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(10)).build();
        return DockerClientImpl.getInstance(cfg, http);
    }

    /**
     * @param docker a client
     * @return empty when the engine answers a ping, else why not
     */
    public static Optional<String> probe(DockerClient docker) {
        try {
            docker.pingCmd().exec();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("no Docker engine answers: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    /** Long-running processes (the fast path's warm JVM) are not supported: those candidates take the cold path. */
    @Override
    public String describe() {
        return "docker containers (" + image + ", user " + user + "): network none, read-only root, no capabilities, "
                + "no-new-privileges; no warm JVM (fast path off)";
    }

    @Override
    public ExecResult run(ExecRequest request) {
        long start = System.nanoTime();
        Limits limits = request.limits();
        String id = null;
        try {
            id = docker.createContainerCmd(image)
                    .withCmd(request.command())
                    .withEnv(env(request.env()))
                    .withWorkingDir(request.workDir().toString())
                    .withUser(user)
                    .withNetworkDisabled(!request.network())
                    .withHostConfig(hostConfig(request, limits))
                    .exec().getId();
            makeWritableFor(request.workDir());
            docker.startContainerCmd(id).exec();
            ResultCallback.Adapter<Frame> logs = docker.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            byte[] b = frame.getPayload();
                            request.output().write(b, 0, b.length);
                        }
                    });
            long deadline = start + request.timeout().toNanos();
            ExecResult.Termination term = null;
            String detail = null;
            while (true) {
                InspectContainerResponse.ContainerState st = docker.inspectContainerCmd(id).exec().getState();
                if (!Boolean.TRUE.equals(st.getRunning())) {
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    term = ExecResult.Termination.TIMED_OUT;
                    detail = "timed out after " + ProcessRunner.describe(request.timeout().toMillis()) + " (limit "
                            + request.timeout().toMillis() + " ms); the container was killed";
                    break;
                }
                Optional<String> why = request.watch().cancelReason();
                if (why.isPresent()) {
                    term = ExecResult.Termination.CANCELLED;
                    detail = why.get();
                    break;
                }
                Thread.sleep(250);
            }
            if (term != null) {
                docker.killContainerCmd(id).exec();
            }
            logs.awaitCompletion(10, TimeUnit.SECONDS);
            request.output().finish();
            InspectContainerResponse.ContainerState st = docker.inspectContainerCmd(id).exec().getState();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (term == null && Boolean.TRUE.equals(st.getOOMKilled())) {
                return new ExecResult(ExecResult.Termination.LIMIT_EXCEEDED, -1, ms,
                        "memory limit of " + Limits.human(limits.memoryBytes()) + " exceeded: the kernel killed a process of the run");
            }
            if (term != null) {
                return new ExecResult(term, -1, ms, detail);
            }
            Long code = st.getExitCodeLong();
            return new ExecResult(ExecResult.Termination.EXITED, code == null ? -1 : code.intValue(), ms, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(ExecResult.Termination.CANCELLED, -1, (System.nanoTime() - start) / 1_000_000, "interrupted");
        } catch (RuntimeException e) {
            return new ExecResult(ExecResult.Termination.FAILED_TO_START, -1, (System.nanoTime() - start) / 1_000_000,
                    "docker could not run the command in " + image + ": " + e.getMessage());
        } finally {
            if (id != null) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException e) {
                    Log.warnf("cannot remove container %s: %s", id, e.getMessage());
                }
            }
        }
    }

    /**
     * @param request the request
     * @param limits  its caps
     * @return the container's host configuration (exposed for tests)
     */
    HostConfig hostConfig(ExecRequest request, Limits limits) {
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(request.workDir().toString(), new Volume(request.workDir().toString()), AccessMode.rw));
        for (Path w : request.writablePaths()) {
            binds.add(new Bind(w.toString(), new Volume(w.toString()), AccessMode.rw));
        }
        for (Path r : request.readOnlyPaths()) {
            if (Files.exists(r) && request.writablePaths().stream().noneMatch(r::equals)) {
                binds.add(new Bind(r.toString(), new Volume(r.toString()), AccessMode.ro));
            }
        }
        HostConfig hc = HostConfig.newHostConfig()
                .withNetworkMode(request.network() ? "bridge" : "none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,exec,size=1g"))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withBinds(binds);
        if (limits.memoryBytes() > 0) {
            hc.withMemory(limits.memoryBytes()).withMemorySwap(limits.memoryBytes());
        }
        if (limits.maxProcesses() > 0) {
            hc.withPidsLimit((long) limits.maxProcesses());
        }
        if (limits.cpuCores() > 0) {
            hc.withNanoCPUs(Math.round(limits.cpuCores() * 1e9));
        }
        return hc;
    }

    private static List<String> env(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> {
            if (!k.equals("PATH") && !k.equals("JAVA_HOME")) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }

    private void makeWritableFor(Path workDir) {
        String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (!"root".equals(System.getProperty("user.name")) || uid.equals("0")) {
            return;
        }
        try {
            Process p = new ProcessBuilder("chown", "-R", user, workDir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            Log.warnf("cannot hand %s to %s: %s", workDir, user, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
