-- Schema gateway: the idempotent-consumer record every Pavu schema has, and the record of every model call.

create table processed_events (
  event_id     uuid         not null,
  consumer     varchar(100) not null,
  processed_at timestamptz  not null default now(),
  primary key (event_id, consumer)
);

-- One row per call of POST /v1/chat/completions, whatever its outcome. A call answered by a backend keeps its
-- canonical request and its response text, so that a job can be replayed without a model (same request_hash).
create table model_calls (
  id            bigserial        primary key,
  created_at    timestamptz      not null default now(),
  tenant        varchar(100)     not null,
  request_hash  char(64)         not null,
  alias         varchar(200)     not null,
  backend       varchar(500),
  model         varchar(200),
  stream        boolean          not null,
  cached        boolean          not null,
  outcome       varchar(40)      not null,
  tokens_in     integer          not null,
  tokens_out    integer          not null,
  cost          double precision not null,
  latency_ms    bigint           not null,
  attempts      text,
  error         text,
  finish_reason varchar(40),
  request_json  text             not null,
  response_text text
);

create index model_calls_hash_idx on model_calls (request_hash, outcome);
create index model_calls_tenant_time_idx on model_calls (tenant, created_at);
