package demo;

/** A JUnit 4 category; no surefire groups are configured, so its tests run like the others. */
public interface Slow {
}
