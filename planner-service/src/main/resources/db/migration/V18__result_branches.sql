-- Result branches (dev.pavu.planner.delivery): a git-URL job that asked for its fix to be pushed back as a branch.
-- Written with the job at submission (REQUESTED); once the job concluded, ResultBranchPusher claims the row (lease),
-- pushes outside any transaction and records the outcome: PUSHED (commit_id), FAILED or SKIPPED (reason).
create table result_branches (
    job_id          uuid        primary key references jobs (id) on delete cascade,
    name            text        not null,
    credential      text        not null,
    state           varchar(20) not null,
    commit_id       varchar(64),
    reason          text,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    lease_until     timestamptz,
    updated_at      timestamptz not null default now()
);
create index result_branches_pending on result_branches (next_attempt_at) where state = 'REQUESTED';
