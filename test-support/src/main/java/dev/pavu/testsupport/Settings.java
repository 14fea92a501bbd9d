package dev.pavu.testsupport;

/** Reads a setting from a system property first, then the environment, then a default. */
final class Settings {
    private Settings() {
    }

    static String get(String name, String fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
