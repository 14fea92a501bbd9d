-- The planner's own state (schema planner). Events themselves live in the updater's audit log.

-- Idempotent consumer record (docs/development.md).
create table processed_events (
    event_id     uuid         not null,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (event_id, consumer)
);

-- Git bundles kept under $PAVU_HOME/planner/sources/<sha256>.bundle, served at GET /sources/{sha}.
create table source_bundles (
    sha256     char(64)    primary key,
    size_bytes bigint      not null,
    path       text        not null,
    commit_id  varchar(64),
    created_at timestamptz not null default now()
);

-- One row per job: what was asked, where it stands, how it ended.
create table jobs (
    id                   uuid         primary key,
    state                varchar(20)  not null,
    outcome              varchar(20),
    reason               text,
    patch                text,
    winning_candidate_id uuid,
    source_kind          varchar(10)  not null,
    source_url           text,
    source_ref           text,
    commit_id            varchar(64),
    bundle_sha           char(64),
    task_kind            varchar(20)  not null,
    task_text            text         not null,
    test_command         text,
    error_log            text,
    models_json          text         not null default '{}',
    max_iterations       int          not null,
    max_candidates       int          not null,
    candidate_timeout_ms bigint       not null,
    job_timeout_ms       bigint       not null,
    iteration            int          not null default 0,
    candidates_proposed  int          not null default 0,
    candidates_verified  int          not null default 0,
    candidates_failed    int          not null default 0,
    locations_tried      int          not null default 0,
    ranking_json         text,
    baseline_json        text,
    submitted_event_id   uuid         not null,
    submitted_at         timestamptz  not null,
    concluded_at         timestamptz,
    duration_ms          bigint
);
create index jobs_by_submitted_at on jobs (submitted_at desc);
create index jobs_open on jobs (state) where state <> 'CONCLUDED';

-- One row per plan (iteration 0 = baseline, then 1, 2, ...).
create table iterations (
    plan_id         uuid        primary key,
    job_id          uuid        not null references jobs (id),
    iteration       int         not null,
    kind            varchar(20) not null,
    plan_event_id   uuid        not null,
    location_from   int         not null default 0,
    location_count  int         not null default 0,
    max_candidates  int         not null,
    candidate_count int,
    rejected_count  int,
    verdicts        int         not null default 0,
    passed          boolean     not null default false,
    created_at      timestamptz not null default now(),
    unique (job_id, iteration)
);

-- One row per candidate verdict received (dedupes a candidate judged twice).
create table verdicts (
    candidate_id uuid        primary key,
    job_id       uuid        not null references jobs (id),
    plan_id      uuid        not null,
    verdict      varchar(10) not null,
    patch_hash   char(64),
    received_at  timestamptz not null default now()
);
create index verdicts_by_job on verdicts (job_id);
