-- Two-location patches: a repair verdict that compiled, made some of the baseline's failing tests pass and still failed
-- is a partial fix; its diff is kept so later plans can hand it to the actuator to combine with a second edit.
alter table verdicts add column tests_failed integer;
alter table verdicts add column tests_passed integer;
alter table verdicts add column partial_diff text;
alter table verdicts add column pattern text;
-- tests that failed on the baseline (null until its verdict), and how many partial fixes the job's plans have carried
alter table jobs add column baseline_failed integer;
alter table jobs add column partials_offered integer not null default 0;
