package dev.pavu.verifier.source;

import dev.pavu.verifier.config.VerifierConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Downloads source bundles from the planner ({@code GET <planner-url>/sources/{sha}}) and checks that
 * the bytes have the SHA-256 they are named by (bundles are content-addressed).
 */
@ApplicationScoped
public class PlannerSources {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private final VerifierConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public PlannerSources(VerifierConfig config) {
        this.config = config;
    }

    /**
     * Downloads one bundle to a file. Retried (3 times, 1 s apart) when the planner cannot be reached or
     * answers 5xx.
     *
     * @param bundleSha SHA-256 (64 lowercase hex) of the bundle
     * @param target    the file to write (replaced atomically)
     * @throws IllegalArgumentException  when {@code bundleSha} is not 64 lowercase hex characters
     * @throws SourceUnavailableException when the planner answers 4xx, or the content does not match its SHA-256
     * @throws UncheckedIOException       when the planner cannot be reached (after the retries)
     */
    @Retry(maxRetries = 3, delay = 1000, retryOn = UncheckedIOException.class)
    public void download(String bundleSha, Path target) {
        if (bundleSha == null || !SHA256.matcher(bundleSha).matches()) {
            throw new IllegalArgumentException("bundle sha must be 64 lowercase hex characters, was '" + bundleSha + "'");
        }
        URI uri = URI.create(stripSlash(config.plannerUrl()) + "/sources/" + bundleSha);
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            HttpResponse<InputStream> resp = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = resp.body()) {
                if (resp.statusCode() >= 500) {
                    throw new UncheckedIOException(new IOException("GET " + uri + " answered " + resp.statusCode()));
                }
                if (resp.statusCode() != 200) {
                    throw new SourceUnavailableException("GET " + uri + " answered " + resp.statusCode()
                            + ": the planner does not have bundle " + bundleSha);
                }
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(body, md); OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
                String actual = HexFormat.of().formatHex(md.digest());
                if (!actual.equals(bundleSha)) {
                    Files.deleteIfExists(tmp);
                    throw new SourceUnavailableException("bundle from " + uri + " has SHA-256 " + actual + ", not " + bundleSha);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Log.debugf("fetched bundle %s (%d bytes)", bundleSha, Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while fetching " + uri));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
