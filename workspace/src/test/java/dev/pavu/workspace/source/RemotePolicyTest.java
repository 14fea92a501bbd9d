package dev.pavu.workspace.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemotePolicyTest {

    @TempDir
    Path tmp;

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A policy whose resolver knows a few names, so no test depends on DNS. */
    private static RemotePolicy policy(List<String> allowed) {
        Map<String, List<String>> names = Map.of(
                "public.example", List.of("93.184.215.14"),
                "mixed.example", List.of("93.184.215.14", "10.0.0.7"),
                "metadata.example", List.of("169.254.169.254"),
                "internal.example", List.of("10.1.2.3"));
        return RemotePolicy.withResolver(allowed, host -> names.containsKey(host)
                ? names.get(host).stream().map(RemotePolicyTest::ip).toArray(InetAddress[]::new)
                : host.matches("[0-9a-f.:]+") ? new InetAddress[] {ip(host)} : new InetAddress[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/r.git", "https://127.1.2.3/r.git", "http://10.0.0.1/r.git",
            "http://172.16.4.4/r.git", "http://172.31.255.1/r.git", "http://192.168.1.1/r.git", "http://[::1]/r.git",
            "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/r.git", "http://[::]/r.git", "http://[fc00::1]/r.git",
            "http://[fd12:3456::1]/r.git", "http://[fe80::1]/r.git", "http://[::ffff:127.0.0.1]/r.git",
            "http://[::ffff:10.0.0.1]/r.git", "http://[64:ff9b::a9fe:a9fe]/r.git", "http://[2002:7f00:1::]/r.git",
            "http://100.64.0.1/r.git", "http://224.0.0.1/r.git", "http://255.255.255.255/r.git",
            "https://mixed.example/r.git", "https://metadata.example/r.git", "https://internal.example/r.git"})
    void nonPublicHostsAreRefused(String url) {
        SourceException e = assertThrows(SourceException.class, () -> policy(List.of()).checkUrl(url));
        assertTrue(e.getMessage().contains("is not a public address") && e.getMessage().contains("allowed-hosts"), e.getMessage());
        assertFalse(e.getMessage().contains("10.0.0.7"), "the resolved addresses are not echoed: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc", "file://localhost/srv/git/r.git", "/srv/git/r.git", "relative/repo",
            "git://github.com/o/r.git", "ssh://git@github.com/o/r.git", "ftp://example.org/r.git", "jar:file:/x!/y"})
    void otherSchemesAndPathsAreRefused(String url) {
        SourceException e = assertThrows(SourceException.class, () -> policy(List.of()).checkUrl(url));
        assertTrue(e.getMessage().contains("https://"), e.getMessage());
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        SourceException e = assertThrows(SourceException.class, () -> policy(List.of()).checkUrl("https://u:p@public.example/r.git"));
        assertTrue(e.getMessage().contains("credentials"), e.getMessage());
    }

    @Test
    void publicHostsPassAndTheAllowlistOpensNamesAddressesAndBlocks() {
        RemotePolicy none = policy(List.of());
        assertEquals("https://public.example/o/r.git", none.checkUrl(" https://public.example/o/r.git "));
        assertDoesNotThrow(() -> none.checkUrl("http://8.8.8.8/r.git"));
        assertDoesNotThrow(() -> none.checkUrl("http://[2606:4700::1111]/r.git"));
        RemotePolicy allowed = policy(List.of("internal.example", "10.0.0.0/8", "::1", " "));
        assertDoesNotThrow(() -> allowed.checkUrl("https://internal.example/r.git"));
        assertDoesNotThrow(() -> allowed.checkUrl("https://mixed.example/r.git"));
        assertDoesNotThrow(() -> allowed.checkUrl("http://10.9.9.9:8080/r.git"));
        assertDoesNotThrow(() -> allowed.checkUrl("http://[::1]:8080/r.git"));
        assertThrows(SourceException.class, () -> allowed.checkUrl("http://127.0.0.1/r.git"));
        assertThrows(SourceException.class, () -> allowed.checkUrl("http://169.254.169.254/"));
        assertThrows(IllegalArgumentException.class, () -> policy(List.of("10.0.0.0/40")));
    }

    @Test
    void anUnresolvableHostIsRefused() {
        SourceException e = assertThrows(SourceException.class, () -> policy(List.of()).checkUrl("https://nowhere.invalid/r.git"));
        assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());
    }

    @Test
    void aRedirectToALoopbackAddressIsRefusedBeforeItIsFollowed() throws Exception {
        AtomicInteger reachedTarget = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = server.getAddress().getPort();
        server.createContext("/public/", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/private/r.git/info/refs?service=git-upload-pack");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/private/", ex -> {
            reachedTarget.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        try {
            // the operator allowed the name 'localhost' (e.g. a mirror), not the address 127.0.0.1 the redirect names
            RemotePolicy allowLocalhostByName = RemotePolicy.publicOnly(List.of("localhost"));
            SourceException e = assertThrows(SourceException.class, () -> GitSources.fromUrl(
                    "http://localhost:" + port + "/public/r.git", null, tmp.resolve("work"), Duration.ofSeconds(5),
                    allowLocalhostByName, SourceLimits.DEFAULTS));
            assertTrue(e.getMessage().contains("refused") && e.getMessage().contains("'127.0.0.1' is not a public address"),
                    e.getMessage());
            assertEquals(0, reachedTarget.get(), "the redirect's target was never contacted");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnknownRefOfASubmittedUrlDoesNotListTheRemotesRefs() throws Exception {
        Path origin = tmp.resolve("origin");
        try (Git git = TestRepos.init(origin)) {
            TestRepos.commit(git, "first", Map.of("README.md", "v1\n"));
            git.branchCreate().setName("secret-branch").call();
        }
        try (org.eclipse.jgit.lib.Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(origin.resolve(".git").toFile()).build()) {
            Map<String, org.eclipse.jgit.lib.ObjectId> refs = new java.util.LinkedHashMap<>();
            repo.getRefDatabase().getRefs().forEach(r -> refs.put(r.getName(), r.getObjectId()));
            SourceException quiet = assertThrows(SourceException.class,
                    () -> RefResolver.resolve(repo, refs, "nope", "https://host/r.git", false));
            assertFalse(quiet.getMessage().contains("secret-branch"), quiet.getMessage());
            assertTrue(quiet.getMessage().contains("ref 'nope' is not in https://host/r.git"), quiet.getMessage());
            SourceException listed = assertThrows(SourceException.class,
                    () -> RefResolver.resolve(repo, refs, "nope", "bundle x.bundle", true));
            assertTrue(listed.getMessage().contains("secret-branch"), "an uploaded bundle's own refs are listed: " + listed.getMessage());
        }
        assertTrue(Files.isDirectory(origin));
    }
}
