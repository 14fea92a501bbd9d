package dev.pavu.workspace.source;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Turns a user's ref (branch, tag, commit id, or none) into a commit of a repository. */
final class RefResolver {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,64}");

    /**
     * @param commit  the commit
     * @param refName full ref name to advertise in the bundle ({@code refs/heads/x}, {@code refs/tags/x}), or {@code null}
     */
    record Resolved(RevCommit commit, String refName) {
    }

    private RefResolver() {
    }

    /**
     * @param repo   repository holding the objects
     * @param refs   candidate refs by full name ({@code HEAD}, {@code refs/heads/…}, {@code refs/tags/…})
     * @param ref    the user's ref, or {@code null} for the default ({@code HEAD}, else the only ref)
     * @param source how to name the source in messages, e.g. {@code https://host/repo.git}
     * @param listRefs whether messages may list the source's branches and tags (not for a URL someone else
     *                 submitted: it would show them a repository's refs)
     */
    static Resolved resolve(Repository repo, Map<String, ObjectId> refs, String ref, String source, boolean listRefs) {
        String wanted = ref == null || ref.isBlank() ? null : ref.strip();
        if (wanted == null) {
            if (refs.containsKey("HEAD")) {
                return new Resolved(commit(repo, refs.get("HEAD"), "HEAD", source), defaultBranch(refs));
            }
            List<String> names = refs.keySet().stream().toList();
            if (names.size() == 1) {
                return new Resolved(commit(repo, refs.get(names.get(0)), names.get(0), source), names.get(0));
            }
            throw new SourceException(names.isEmpty()
                    ? source + " has no commits (no HEAD and no refs); push a commit first or choose another source"
                    : source + " has no HEAD and several refs" + (listRefs ? " " + list(refs) : "") + "; name the one to use as the ref");
        }
        for (String name : List.of(wanted, "refs/heads/" + wanted, "refs/tags/" + wanted, "refs/remotes/origin/" + wanted)) {
            ObjectId id = refs.get(name);
            if (id != null) {
                return new Resolved(commit(repo, id, wanted, source), name.startsWith("refs/") ? name : null);
            }
        }
        if (HEX.matcher(wanted).matches()) {
            try {
                ObjectId id = repo.resolve(wanted);
                if (id != null) {
                    return new Resolved(commit(repo, id, wanted, source), null);
                }
            } catch (AmbiguousObjectException e) {
                throw new SourceException("commit id '" + wanted + "' is ambiguous in " + source + "; give more hex digits", e);
            } catch (IOException e) {
                throw new SourceException("cannot look up '" + wanted + "' in " + source + ": " + e.getMessage(), e);
            }
        }
        throw new SourceException(listRefs
                ? "ref '" + wanted + "' is not in " + source + "; it has " + list(refs)
                        + " — name one of these branches or tags, or a commit id reachable from them"
                : "ref '" + wanted + "' is not in " + source + "; name one of its branches or tags, or a commit id "
                        + "reachable from them");
    }

    private static RevCommit commit(Repository repo, ObjectId id, String name, String source) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw new SourceException("'" + name + "' names object " + id.name() + " which " + source
                    + " does not contain; name a commit that is part of the source's history", e);
        } catch (IncorrectObjectTypeException e) {
            throw new SourceException("'" + name + "' in " + source + " is not a commit (it is a tree or blob); name a commit", e);
        } catch (IOException e) {
            throw new SourceException("cannot read '" + name + "' from " + source + ": " + e.getMessage(), e);
        }
    }

    private static String defaultBranch(Map<String, ObjectId> refs) {
        ObjectId head = refs.get("HEAD");
        for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
            if (head.equals(refs.get(candidate))) {
                return candidate;
            }
        }
        return refs.entrySet().stream()
                .filter(e -> e.getKey().startsWith("refs/heads/") && e.getValue().equals(head))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static String list(Map<String, ObjectId> refs) {
        List<String> names = refs.keySet().stream().filter(n -> !n.equals("HEAD"))
                .map(n -> n.replaceFirst("^refs/(heads|tags)/", "")).sorted().toList();
        if (names.isEmpty()) {
            return "no branches or tags";
        }
        return names.size() > 20 ? names.subList(0, 20) + " (and " + (names.size() - 20) + " more)" : names.toString();
    }
}
