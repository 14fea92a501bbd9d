-- The per-job gate policy (linters, tests first, runtime probe) of POST /jobs, passed into every plan's VerifySpec.
-- JSON of dev.pavu.contracts.GatePolicy; null = the verifier's configured defaults.
alter table jobs add column gates_json text;
