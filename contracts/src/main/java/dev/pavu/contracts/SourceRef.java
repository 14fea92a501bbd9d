package dev.pavu.contracts;

/**
 * Where a job's code comes from.
 *
 * <p>As submitted, a source is a git URL + ref ({@code kind = "git"}) or an uploaded bundle
 * ({@code kind = "bundle"}). Once the planner has resolved it, {@code commit} holds the full commit id
 * and {@code bundleSha} the SHA-256 (hex) of the git bundle that every service fetches from
 * {@code GET /sources/{bundleSha}} of the planner.
 *
 * @param kind      {@code git} or {@code bundle}
 * @param url       git URL for {@code git}; {@code null} for {@code bundle}
 * @param ref       branch, tag or commit for {@code git}; {@code null} means the default branch (HEAD)
 * @param commit    resolved 40-hex commit id, or {@code null} before resolution
 * @param bundleSha SHA-256 of the stored bundle (64 hex chars), or {@code null} before resolution
 */
public record SourceRef(String kind, String url, String ref, String commit, String bundleSha) {

    /** @return true once {@code commit} and {@code bundleSha} are known */
    public boolean resolved() {
        return commit != null && bundleSha != null;
    }

    /**
     * @param commit    the resolved commit id
     * @param bundleSha SHA-256 of the stored bundle
     * @return this source with its resolution filled in
     */
    public SourceRef withResolution(String commit, String bundleSha) {
        return new SourceRef(kind, url, ref, commit, bundleSha);
    }
}
