-- Plausible-patch ranking: every plausible patch (all tests pass) of a job is kept, the job goes on a little after the
-- first one (pavu.planner.ranking.*), and at its conclusion ranks them (rank 1 = the job's patch) with score and reasons.
create table plausible_patches (
    candidate_id uuid primary key,
    job_id       uuid not null,
    pattern      text,
    diff         text not null,
    tests_run    integer not null,
    found_at     timestamptz not null,
    rank         integer,
    score        double precision,
    reasons      text
);
create index plausible_patches_job on plausible_patches (job_id);
-- repair verdicts counted after the job's first plausible patch (the extra search's candidate limit)
alter table jobs add column ranking_verdicts integer not null default 0;
