package dev.pavu.verifier.prefetch;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.LocalRepositoryManager;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.repository.WorkspaceReader;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.graph.transformer.ConflictResolver;
import org.eclipse.aether.util.repository.ChainedLocalRepositoryManager;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maven Resolver sessions of the prefetch: downloads land in a staging local repository (the head of a chained local
 * repository whose read-only tail is the shared one, so what the shared repository already has is not fetched again),
 * checksums are verified and a mismatch FAILS, repositories declared in poms are ignored, and only the configured
 * remote repositories are used.
 */
final class Resolvers {

    private static final RepositorySystem SYSTEM = new RepositorySystemSupplier().get();

    private Resolvers() {
    }

    /** @return the repository system (one per JVM, thread-safe) */
    static RepositorySystem system() {
        return SYSTEM;
    }

    /**
     * Parses the setting {@code pavu.verifier.maven.repositories}.
     *
     * @param specs {@code id=url} entries
     * @return the remote repositories (releases only, checksum policy FAIL)
     * @throws IllegalArgumentException when an entry is not {@code id=http(s)-or-file-url}
     */
    static List<RemoteRepository> remotes(List<String> specs) {
        List<RemoteRepository> l = new ArrayList<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            String id = eq > 0 ? s.substring(0, eq).strip() : "";
            String url = eq > 0 ? s.substring(eq + 1).strip() : "";
            String scheme = url.isEmpty() ? "" : String.valueOf(URI.create(url).getScheme());
            if (id.isEmpty() || !List.of("http", "https", "file").contains(scheme)) {
                throw new IllegalArgumentException("pavu.verifier.maven.repositories: each entry must be id=url "
                        + "(e.g. central=https://repo.maven.apache.org/maven2/), was '" + s + "'");
            }
            RepositoryPolicy releases = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
            RepositoryPolicy snapshots = new RepositoryPolicy(false, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL);
            l.add(new RemoteRepository.Builder(id, "default", url).setReleasePolicy(releases).setSnapshotPolicy(snapshots).build());
        }
        return l;
    }

    /**
     * @param staging      the staging local repository (written)
     * @param shared       the shared local repository (only read here)
     * @param systemProps  system properties for profile activation in poms (the target JDK's {@code java.version} …)
     * @param reactor      the project's own modules, or {@code null}
     * @param downloads    counts artifact files downloaded
     * @return a new session
     */
    static DefaultRepositorySystemSession session(Path staging, Path shared, Properties systemProps, WorkspaceReader reactor,
                                                  AtomicLong downloads) {
        DefaultRepositorySystemSession s = MavenRepositorySystemUtils.newSession();
        LocalRepositoryManager head = SYSTEM.newLocalRepositoryManager(s, new LocalRepository(staging.toFile()));
        LocalRepositoryManager tail = SYSTEM.newLocalRepositoryManager(s, new LocalRepository(shared.toFile()));
        // the tail's files count only where Maven's own offline run would take them (downloaded from a known repository)
        s.setLocalRepositoryManager(new ChainedLocalRepositoryManager(head, List.of(tail), false));
        s.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        s.setIgnoreArtifactDescriptorRepositories(true);
        s.setOffline(false);
        s.setWorkspaceReader(reactor);
        for (Map.Entry<Object, Object> e : systemProps.entrySet()) {
            s.setSystemProperty(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        s.setConfigProperty("aether.connector.connectTimeout", 15_000);
        s.setConfigProperty("aether.connector.requestTimeout", 60_000);
        s.setConfigProperty("aether.connector.basic.threads", 4);
        s.setConfigProperty("aether.checksums.algorithms", "SHA-1,MD5");
        // keep the versions that lost a conflict in the graph and fetch them too: the installed Maven (3.8.7 here,
        // older resolver) settles some conflicts of old plugins differently (maven-dependency-plugin 2.8 wants
        // wagon-provider-api 1.0-alpha-6), and an offline run needs the version IT picks
        s.setConfigProperty(ConflictResolver.CONFIG_PROP_VERBOSE, true);
        s.setTransferListener(new AbstractTransferListener() {
            @Override
            public void transferSucceeded(TransferEvent event) {
                String name = event.getResource().getResourceName();
                if (event.getRequestType() == TransferEvent.RequestType.GET && !name.endsWith(".sha1") && !name.endsWith(".md5")) {
                    downloads.incrementAndGet();
                }
            }
        });
        return s;
    }
}
