package dev.pavu.actuator.proposer.llm;

import java.util.List;

/** What a model's answer asks to change in one file. */
public sealed interface FileEdit {

    /** @return the path as the model wrote it (resolved against the checkout later) */
    String path();

    /** @return the format, for descriptions: {@code unified diff}, {@code search/replace}, … */
    String format();

    /**
     * Hunks of a unified diff, or search/replace blocks turned into hunks.
     *
     * @param path   the file
     * @param hunks  in the model's order
     * @param format {@code unified diff} or {@code search/replace}
     */
    record Hunks(String path, List<Hunk> hunks, String format) implements FileEdit {
        public Hunks {
            hunks = List.copyOf(hunks);
        }
    }

    /**
     * A new file: a diff from {@code /dev/null} or a search/replace block with an empty SEARCH.
     *
     * @param path    the file
     * @param content its content
     */
    record Create(String path, String content) implements FileEdit {
        @Override
        public String format() {
            return "new file";
        }
    }

    /**
     * Java code that replaces a member or the whole file: a method (or constructor) replaces the declaration of
     * the same name and parameters in {@code path}; a compilation unit replaces the file whose primary type it
     * declares.
     *
     * @param path the file named by the plan's locations (or {@code null}: found by the type's name)
     * @param code the code
     */
    record JavaCode(String path, String code) implements FileEdit {
        @Override
        public String format() {
            return "java code";
        }
    }
}
