package demo;

/** A JUnit 4 category. */
public interface Slow {
}
