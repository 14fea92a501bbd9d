-- a FIX_LOG job's reproduce command: the verifier runs it in the sandbox after the tests pass, and a candidate is
-- plausible only when the logged failure no longer shows in its output (null = none given)
alter table jobs add column reproduce_command text;
