-- Search order from evidence: a fix pattern's prior per failure kind, learned from repair verdicts as they arrive
-- (dev.pavu.planner.evidence.PatternPrior): verdicts counted and their reward sum (PASS 1, a partial fix the share of
-- the baseline's failing tests it made pass, else 0). One row per (kind, pattern); not per job, so retention keeps it.
create table pattern_priors (
    failure_kind text not null,
    pattern      text not null,
    trials       bigint not null default 0 check (trials >= 0),
    reward       double precision not null default 0 check (reward >= 0),
    updated_at   timestamptz not null default now(),
    primary key (failure_kind, pattern)
);
