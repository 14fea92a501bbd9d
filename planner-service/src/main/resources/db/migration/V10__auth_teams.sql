-- Authentication and teams (DESIGN.md "Authentication and teams"): every job belongs to a team; API tokens are
-- stored as their SHA-256 only, scoped to a team and a role, with an expiry and a revocation time.
alter table jobs add column team varchar(100) not null default 'default';
create index jobs_team_submitted_idx on jobs (team, submitted_at desc);

create table api_tokens (
    id          uuid         primary key,
    name        varchar(100) not null,
    team        varchar(100) not null,
    role        varchar(20)  not null check (role in ('viewer', 'submitter', 'admin')),
    token_hash  char(64)     not null unique,
    created_at  timestamptz  not null default now(),
    created_by  varchar(200),
    expires_at  timestamptz,
    revoked_at  timestamptz
);
create index api_tokens_team_idx on api_tokens (team);
