package dev.pavu.planner.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Result branches ({@code pavu.git.*}): the credentials the operator configured for pushing a job's fix back to the
 * repository it was submitted with, who may use each, and how the push is made and retried.
 *
 * <p>A credential's password (a token) is never in the configuration itself: {@code password-file} names a file — on
 * Kubernetes a key of a mounted Secret — read at push time, so a rotated Secret takes effect without a restart, and
 * the value is never logged, stored, shown or put in an event.
 */
@ConfigMapping(prefix = "pavu.git")
public interface GitPushConfig {

    /** @return credentials by name ({@code pavu.git.credentials."<name>".*}); none by default */
    Map<String, Credential> credentials();

    /**
     * @return the prefix every result branch gets (a name without it is put under it), so that Pavu only ever creates
     *         branches in its own namespace; empty for none (then {@code main}, {@code master} and the job's own ref
     *         are still refused)
     */
    @WithDefault("pavu/")
    String branchPrefix();

    /** @return author and committer of the fix commits */
    Author author();

    /** @return when and how often pushes are tried */
    Push push();

    /** One operator-configured credential for HTTP basic authentication. */
    interface Credential {
        /** @return the user name (for a token, often any non-empty name, e.g. {@code x-access-token} or {@code oauth2}) */
        String username();

        /** @return the file holding the password or token (its content, trailing newline removed) */
        Path passwordFile();

        /** @return the teams whose jobs may name it; a team not listed is told the credential does not exist */
        List<String> teams();
    }

    /** Author and committer identity of result-branch commits. */
    interface Author {
        /** @return the name */
        @WithDefault("Pavu")
        String name();

        /** @return the e-mail address */
        @WithDefault("pavu@pavu.dev")
        String email();
    }

    /** Scheduling of the pushes. */
    interface Push {
        /** @return how often concluded jobs with a pending result branch are looked for */
        @WithDefault("5s")
        Duration pollInterval();

        /** @return network timeout of the push: connecting and each read */
        @WithDefault("60s")
        Duration timeout();

        /** @return attempts before a push that keeps failing for a transient reason is given up */
        @WithDefault("5")
        int maxAttempts();

        /** @return wait before the second attempt; doubled before each further one */
        @WithDefault("30s")
        Duration backoff();

        /** @return how long one planner instance holds a claimed push before another may take it over */
        @WithDefault("5m")
        Duration lease();
    }
}
