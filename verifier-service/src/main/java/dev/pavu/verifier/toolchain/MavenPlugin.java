package dev.pavu.verifier.toolchain;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Maven plugin a linter runs, as configured ({@code groupId:artifactId:version}).
 *
 * @param groupId    e.g. {@code org.apache.maven.plugins}
 * @param artifactId e.g. {@code maven-checkstyle-plugin}
 * @param version    e.g. {@code 3.6.0}
 */
public record MavenPlugin(String groupId, String artifactId, String version) {

    /**
     * @param gav     {@code groupId:artifactId:version}
     * @param setting the setting it came from, named in the error (e.g. {@code pavu.verifier.gates.checkstyle-plugin})
     * @param example a valid value, named in the error
     * @return the plugin
     * @throws IllegalArgumentException when {@code gav} is not of that shape: says what it was and what to set
     */
    public static MavenPlugin parse(String gav, String setting, String example) {
        String s = gav == null ? "" : gav.strip();
        String[] parts = s.split(":");
        if (parts.length != 3 || Stream.of(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(setting + " must be groupId:artifactId:version (e.g. " + example + "), was '" + s + "'");
        }
        return new MavenPlugin(parts[0], parts[1], parts[2]);
    }

    /** @return {@code groupId:artifactId:version}, as Maven takes it on the command line before {@code :goal} */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    /**
     * @param localRepository the local repository
     * @return where its jar lies there (it may not exist)
     */
    public Path jar(Path localRepository) {
        return localRepository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".jar");
    }
}
