package dev.pavu.workspace.layout;

/** The build system of a repository, as far as Pavu's toolchains are concerned. */
public enum BuildKind {
    /** {@code pom.xml} at the root. */
    MAVEN,
    /** {@code build.gradle(.kts)}, {@code settings.gradle(.kts)} or {@code gradlew} at the root. */
    GRADLE,
    /** {@code pyproject.toml}, {@code setup.py}, {@code setup.cfg}, {@code pytest.ini} or {@code tests/*.py}. */
    PYTHON,
    /** {@code package.json} at the root. */
    NODE,
    /** None of the above. */
    UNKNOWN
}
