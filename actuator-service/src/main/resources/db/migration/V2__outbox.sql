-- The transactional outbox (service-kit dev.pavu.kit.outbox): events written in the same transaction as the
-- effect that caused them, sent by the relay in seq order and marked sent; re-sent with the same event id until then.
create table outbox (
    seq         bigserial    primary key,
    event_id    uuid         not null,
    channel     varchar(100) not null,
    record_key  varchar(200) not null,
    event_type  varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null default now(),
    sent_at     timestamptz,
    attempts    int          not null default 0,
    last_error  text,
    unique (event_id, channel)
);
create index outbox_unsent_idx on outbox (seq) where sent_at is null;

