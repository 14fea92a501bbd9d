package dev.pavu.cli.command;

/** What {@code up} and {@code down} act on. */
enum StackPart {
    /** Kafka and PostgreSQL. */
    infra,
    /** The five services. */
    services,
    /** Both. */
    all
}
