-- The tests the baseline (the empty patch) executed, per source and test command: a candidate PASS after which
-- fewer tests ran, or a test of the baseline did not run (deleted, skipped, left out of the build), becomes FAIL.
create table baseline_tests (
    bundle_sha   varchar(64)  not null,
    commit_id    varchar(64)  not null,
    -- the job's testCommand, '' for the detected toolchain's
    test_command text         not null,
    tests_run    integer      not null,
    -- executed test ids (Class#method), one per line, sorted; null when the run's ids are not known (fast path)
    test_ids     text,
    candidate_id uuid         not null,
    recorded_at  timestamptz  not null default now(),
    primary key (bundle_sha, commit_id, test_command)
);
