-- The verifier's schema: the idempotent-consumer record, one row per verified candidate, and the jobs
-- that ended (their remaining candidates are skipped).

create table processed_events (
    event_id     uuid         not null,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (event_id, consumer)
);

-- One run per candidate: claimed (RUNNING) by a worker, then DONE with its verdict. The verdict is stored
-- before it is published (published_at), so a redelivered candidate re-sends the same verdict event
-- instead of running again.
create table runs (
    candidate_id     uuid         primary key,
    job_id           uuid         not null,
    plan_id          uuid         not null,
    diff_event_id    uuid         not null,
    iteration        int          not null,
    state            varchar(16)  not null check (state in ('RUNNING', 'DONE')),
    worker           varchar(200) not null,
    attempts         int          not null default 1,
    started_at       timestamptz  not null default now(),
    heartbeat_at     timestamptz  not null default now(),
    finished_at      timestamptz,
    verdict          varchar(16),
    reason           text,
    duration_ms      bigint,
    verdict_event_id uuid,
    verdict_json     text,
    published_at     timestamptz
);
create index runs_job_idx on runs (job_id);

create table concluded_jobs (
    job_id      uuid        primary key,
    event_type  varchar(60) not null,
    outcome     varchar(20),
    event_id    uuid        not null,
    recorded_at timestamptz not null default now()
);
