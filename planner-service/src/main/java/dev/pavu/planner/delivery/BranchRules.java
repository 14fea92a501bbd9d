package dev.pavu.planner.delivery;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;

/**
 * What a team's job may ask for as its result branch: the branch-name rules and the credentials the team may use.
 *
 * @param prefix      every result branch is put under this prefix ({@code pavu.git.branch-prefix}, default {@code pavu/});
 *                    empty for none
 * @param credentials the names of the credentials the submitting team may use (sorted), and no other team's
 */
public record BranchRules(String prefix, SortedSet<String> credentials) {

    /** Names never pushed to, whatever the prefix. */
    static final Set<String> PROTECTED = Set.of("main", "master", "head", "trunk", "develop");

    /** Rules that allow no credential (no team may ask for a result branch). */
    public static final BranchRules NONE = new BranchRules("pavu/", new java.util.TreeSet<>());

    /**
     * Checks and completes a requested branch name.
     *
     * @param requested the name as given ({@code fix-median}, {@code pavu/fix-median} or {@code refs/heads/pavu/x})
     * @param jobRef    the job's own {@code source.ref}, or {@code null}
     * @return the branch name to push (prefix included, without {@code refs/heads/}), or the reason it is refused as
     *         {@link Checked#problem()}
     */
    public Checked branch(String requested, String jobRef) {
        String name = requested == null ? "" : requested.strip();
        if (name.isEmpty()) {
            return Checked.refused("required: the branch to create, e.g. \"fix-median\" (pushed as " + prefix + "fix-median)");
        }
        if (name.startsWith(Constants.R_HEADS)) {
            name = name.substring(Constants.R_HEADS.length());
        } else if (name.startsWith(Constants.R_REFS)) {
            return Checked.refused("'" + requested + "' is not a branch: only refs/heads/… can be a result branch");
        }
        boolean protectedName = PROTECTED.contains(name.toLowerCase(Locale.ROOT));
        if (!prefix.isEmpty() && !name.startsWith(prefix)) {
            name = prefix + name;
        }
        if (protectedName || PROTECTED.contains(name.toLowerCase(Locale.ROOT))) {
            return Checked.refused("'" + name + "' is a protected branch name; Pavu never pushes to " + List.copyOf(
                    new java.util.TreeSet<>(PROTECTED)) + " — choose a new name");
        }
        if (!Repository.isValidRefName(Constants.R_HEADS + name) || name.length() > 200) {
            return Checked.refused("'" + name + "' is not a valid git branch name (no spaces, '..', '~', '^', ':', '?', "
                    + "'*', '[', '\\\\', no trailing '/' or '.lock'; at most 200 characters)");
        }
        if (jobRef != null) {
            String ref = jobRef.strip();
            ref = ref.startsWith(Constants.R_HEADS) ? ref.substring(Constants.R_HEADS.length()) : ref;
            if (ref.equals(name)) {
                return Checked.refused("'" + name + "' is the job's own ref; the fix goes on a new branch — choose another name");
            }
        }
        return new Checked(name, null);
    }

    /**
     * @param name a credential name as requested
     * @return empty when the team may use it, else the reason — the same for an unknown credential and another team's,
     *         naming only the team's own credentials
     */
    public java.util.Optional<String> credentialRefusal(String name) {
        if (name != null && credentials.contains(name.strip())) {
            return java.util.Optional.empty();
        }
        String what = name == null || name.isBlank() ? "required: the name of a push credential the operator configured"
                : "no such credential '" + name.strip() + "'";
        return java.util.Optional.of(what + (credentials.isEmpty()
                ? "; none is configured for your team (ask the operator: pavu.git.credentials)"
                : "; your team may use " + List.copyOf(credentials)));
    }

    /**
     * A checked branch name.
     *
     * @param name    the name to push, when accepted
     * @param problem why it is refused, else {@code null}
     */
    public record Checked(String name, String problem) {
        static Checked refused(String why) {
            return new Checked(null, why);
        }
    }
}
