-- The idempotent-consumer record (docs/development.md): a plan whose event id is here has been answered.
create table processed_events (
    event_id     uuid         not null,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (event_id, consumer)
);
