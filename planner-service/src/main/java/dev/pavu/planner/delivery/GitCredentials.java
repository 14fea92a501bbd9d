package dev.pavu.planner.delivery;

import dev.pavu.workspace.source.ResultBranches;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The operator's push credentials ({@code pavu.git.credentials}): which a team may use, and the secret itself, read
 * from its file only when a push needs it. Nothing here logs or returns the secret except {@link #open}.
 */
@ApplicationScoped
public class GitCredentials {

    private final GitPushConfig config;

    public GitCredentials(GitPushConfig config) {
        this.config = config;
    }

    /**
     * @param team the submitting team
     * @return the branch-name rules and the names of the credentials the team may use (no other team's)
     */
    public BranchRules rules(String team) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, GitPushConfig.Credential> e : config.credentials().entrySet()) {
            if (e.getValue().teams().contains(team)) {
                names.add(e.getKey());
            }
        }
        return new BranchRules(config.branchPrefix().strip(), names);
    }

    /**
     * Reads a credential's secret for one push.
     *
     * @param name the credential's name
     * @param team the job's team (checked again: the configuration may have changed since the submission)
     * @return the credential (clear it after use), or empty when it no longer exists for the team
     * @throws IllegalStateException when its password file cannot be read or is empty; the message names the file's
     *                               setting, never its content
     */
    public Optional<ResultBranches.Credential> open(String name, String team) {
        GitPushConfig.Credential c = config.credentials().get(name);
        if (c == null || !c.teams().contains(team)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(c.passwordFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password file of credential '" + name
                    + "' (pavu.git.credentials.\"" + name + "\".password-file): " + e.getClass().getSimpleName(), e);
        }
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        int end = chars.limit();
        while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
            end--;
        }
        char[] secret = new char[end];
        chars.get(0, secret, 0, end);
        Arrays.fill(chars.array(), '\0');
        if (secret.length == 0) {
            throw new IllegalStateException("the password file of credential '" + name + "' is empty");
        }
        return Optional.of(new ResultBranches.Credential(c.username(), secret));
    }

    /** @return author and committer of fix commits */
    public ResultBranches.Identity author() {
        return new ResultBranches.Identity(config.author().name(), config.author().email());
    }
}
