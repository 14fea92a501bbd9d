-- The waiting room of candidates: the diffs-in consumer only queues what it reads (and commits its offsets); worker
-- threads take the next candidate from here, highest job priority first, taking turns between the jobs of one priority
-- (job_turns), then the actuator's rank within a job. A row stays (taken_by set) until its candidate is handled, so a
-- worker that dies leaves it to be taken again once its run goes stale.
create table queue (
    candidate_id     uuid             primary key,
    job_id           uuid             not null,
    job_priority     int              not null,
    rank_priority    double precision not null,
    candidate_index  int              not null,
    seq              bigserial        not null,
    diff_json        text             not null,
    record_topic     varchar(249),
    record_partition int,
    record_offset    bigint,
    record_key       varchar(200),
    enqueued_at      timestamptz      not null default now(),
    taken_by         varchar(200),
    taken_at         timestamptz
);
create index queue_waiting_idx on queue (job_priority desc, seq) where taken_by is null;

-- Round robin between jobs of one priority: a job's turn is the sequence value of the last time one of its candidates
-- was taken; the job with the oldest turn (or none yet) goes next.
create sequence job_turn_seq;
create table job_turns (
    job_id uuid   primary key,
    turn   bigint not null
);

-- Pausing the workers (every verifier process reads this row before taking a candidate): queued candidates wait,
-- runs in flight finish.
create table worker_control (
    id         int          primary key check (id = 1),
    paused     boolean      not null default false,
    changed_by varchar(200),
    changed_at timestamptz  not null default now(),
    reason     text
);
insert into worker_control (id, paused) values (1, false);

-- Each verifier process says it is alive every few seconds (GET /workers lists those seen lately).
create table workers (
    worker     varchar(200) primary key,
    threads    int          not null,
    started_at timestamptz  not null default now(),
    seen_at    timestamptz  not null default now()
);
