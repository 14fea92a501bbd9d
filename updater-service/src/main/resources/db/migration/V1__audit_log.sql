-- updater schema v1: the idempotent-consumer record, the append-only audit log of every Pavu event,
-- and one summary row per job derived from that log.

create table processed_events (
    event_id     uuid         not null,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (event_id, consumer)
);

-- Every event of every topic, exactly once, in the order the updater committed them
-- (inserts are serialised, so seq order = commit order and "after=<seq>" polling never skips a row).
create table events (
    seq          bigserial    primary key,
    event_id     uuid         not null unique,
    job_id       uuid         not null,
    type         varchar(100) not null,
    iteration    integer      not null,
    causation_id uuid,
    occurred_at  timestamptz  not null,
    producer     varchar(100) not null,
    topic        varchar(255) not null,
    partition    integer      not null,
    kafka_offset bigint       not null,
    record_key   varchar(255),
    payload      jsonb        not null,
    received_at  timestamptz  not null default now()
);

create index events_job_seq on events (job_id, seq);
create index events_type_seq on events (type, seq);

create function events_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'updater.events is append-only: % is refused', tg_op
        using errcode = 'restrict_violation';
end;
$$;

create trigger events_no_update_or_delete
    before update or delete on events
    for each row execute function events_refuse_change();

create trigger events_no_truncate
    before truncate on events
    for each statement execute function events_refuse_change();

-- One row per job, kept current as its events arrive (in any order across topics).
create table job_summaries (
    job_id               uuid         primary key,
    state                varchar(20)  not null,           -- SUBMITTED, RUNNING, CANCELLING, CONCLUDED
    outcome              varchar(20),                     -- SUCCEEDED, EXHAUSTED, FAILED, CANCELLED once concluded
    reason               text,
    task                 text,
    source_kind          varchar(20),
    source_url           text,
    baseline_verdict     varchar(20),                     -- verdict of the empty patch
    failure_kind         varchar(200),                    -- class of the baseline failure, e.g. NullPointerException
    plans                integer      not null default 0,
    candidates           integer      not null default 0, -- non-empty candidate patches proposed
    verdicts             jsonb        not null default '{}'::jsonb, -- verdict -> count, baseline excluded
    iterations           integer      not null default 0, -- highest iteration seen
    candidates_tried     integer,
    winning_candidate_id uuid,
    patch                text,
    duration_ms          bigint,
    events               integer      not null default 0,
    submitted_at         timestamptz,
    concluded_at         timestamptz,
    last_event_at        timestamptz,
    updated_at           timestamptz  not null default now()
);

create index job_summaries_failure_kind on job_summaries (failure_kind);
