-- Retention (planner pavu.retention.*): the request and response bodies of old model calls are dropped (set null) while
-- the row and its token counts stay, so budgets and usage do not change; bodies_dropped_at says when.
alter table model_calls alter column request_json drop not null;
alter table model_calls add column bodies_dropped_at timestamptz;
