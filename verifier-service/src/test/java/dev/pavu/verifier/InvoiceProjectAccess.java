package dev.pavu.verifier;

import java.util.Map;

/** Gives tests of other packages the files of {@link InvoiceProject}. */
public final class InvoiceProjectAccess {
    private InvoiceProjectAccess() {
    }

    /** @return repo-relative path → content of the tiny Invoice project */
    public static Map<String, String> files() {
        return InvoiceProject.files();
    }
}
