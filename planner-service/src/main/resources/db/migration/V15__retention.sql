-- Retention (dev.pavu.planner.retention): when the policy dropped a concluded job's bulky data (error log, ranking,
-- baseline, partial diffs; its bundle once no kept job uses it) and announced it with JobExpired. A job is expired once.
alter table jobs add column expired_at timestamptz;
create index jobs_team_concluded_idx on jobs (team, submitted_at desc) where state = 'CONCLUDED';
