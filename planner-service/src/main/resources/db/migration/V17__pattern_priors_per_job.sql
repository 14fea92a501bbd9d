-- The pattern prior counts jobs, not candidates (dev.pavu.planner.evidence.PatternPrior). Counted per verdict, a
-- pattern that makes many mutants per location (relational operators: most of them fail by nature, one is the fix)
-- looked worse than one that makes few, whatever it fixed: on a stack with some history the bundled demo's fix
-- pattern was weighted 0.29 and the demo tried 44 candidates instead of 4. Now a trial is a job that tried the
-- pattern, its reward the best of that job's verdicts of the pattern. The per-verdict counts are dropped (their unit
-- was different); the per-job rows below rebuild them as jobs run.
create table pattern_prior_jobs (
    job_id       uuid not null,
    pattern      text not null,
    failure_kind text not null,
    reward       double precision not null check (reward >= 0 and reward <= 1),
    primary key (job_id, pattern)
);
delete from pattern_priors;
