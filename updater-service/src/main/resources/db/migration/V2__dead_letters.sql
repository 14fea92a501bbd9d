-- Every record of every dead-letter topic (<topic>.dlq.<consumer-group>), once (unique by where it was read from),
-- so that an operator can list, read and replay them (GET /dead-letters, POST /dead-letters/{id}/replay).
create table dead_letters (
    id                 bigserial    primary key,
    dlq_topic          varchar(249) not null,
    dlq_partition      integer      not null,
    dlq_offset         bigint       not null,
    original_topic     varchar(249),
    original_partition integer,
    original_offset    bigint,
    service            varchar(100),              -- the consumer that gave up (header pavu-dlq-service)
    consumer_group     varchar(249),              -- its group (pavu-dlq-group)
    channel            varchar(100),              -- its channel (pavu-dlq-channel)
    exception_class    varchar(500),              -- dead-letter-exception-class-name
    reason             text,                      -- dead-letter-reason
    cause_class        varchar(500),
    cause              text,
    attempts           integer,                   -- pavu-dlq-attempts
    event_id           uuid,                      -- ce_id, else the value's envelope, when readable
    event_type         varchar(100),
    job_id             uuid,
    record_key         varchar(255),
    value              text,
    headers            jsonb        not null default '{}'::jsonb, -- the original record's headers (ce_* ...)
    dead_lettered_at   timestamptz,
    received_at        timestamptz  not null default now(),
    replayed_at        timestamptz,
    replayed_by        varchar(200),
    unique (dlq_topic, dlq_partition, dlq_offset)
);
create index dead_letters_job on dead_letters (job_id, id);
create index dead_letters_consumer on dead_letters (service, id);
