-- updater schema v5: lesson cards (issue 15 item 3). One card per concluded job, written in the transaction that
-- records the job's JobConcluded event: what failed, what was tried, what fixed it or why nothing did, derived from
-- the job's own events in updater.events. The card's failure text is embedded in process with all-MiniLM-L6-v2
-- (384 dimensions, L2-normalised); no pgvector here: a plain real[] and cosine similarity computed in Java.

create table lesson_cards (
    job_id       uuid          primary key,           -- one card per job: a redelivered conclusion adds none
    team         varchar(200)  not null,              -- the job's team (JobSubmitted task.team; default team if none)
    outcome      varchar(20)   not null,              -- SUCCEEDED, EXHAUSTED, FAILED, CANCELLED
    card         jsonb         not null,              -- the card (dev.pavu.updater.lesson.LessonCard as JSON)
    embedded     text          not null,              -- the exact text that was embedded
    embedding    real[]        not null check (cardinality(embedding) = 384),
    model        varchar(100)  not null,              -- embedding model name, so that a model change can re-embed
    concluded_at timestamptz   not null,
    created_at   timestamptz   not null default now()
);
create index lesson_cards_team on lesson_cards (team, concluded_at desc);
