package dev.pavu.actuator.proposer;

/**
 * A variable visible at some point of a method, found without symbol resolution: its declared type
 * is compared by name.
 *
 * @param name     the variable's name
 * @param type     its declared type as written, whitespace removed (e.g. {@code int}, {@code List<String>}, {@code int[]})
 * @param kind     local, parameter or field
 * @param isStatic true for a static field
 */
public record Variable(String name, String type, Kind kind, boolean isStatic) {

    /** Where the variable is declared. */
    public enum Kind {
        /** A local variable (including for, for-each, catch, resource and lambda variables). */
        LOCAL,
        /** A method or constructor parameter. */
        PARAMETER,
        /** A field of an enclosing class, or a record component. */
        FIELD
    }

    /** @return true for the eight primitive types */
    public boolean isPrimitive() {
        return Types.isPrimitive(type);
    }
}
