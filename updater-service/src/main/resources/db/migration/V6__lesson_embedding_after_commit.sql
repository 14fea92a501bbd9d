-- updater schema v6: a lesson card's vector is computed after the transaction that records the job's conclusion
-- commits, not inside it. That transaction holds the audit log's append lock (EventRepository), and embedding takes
-- seconds of CPU (the model's first load tens of seconds on a loaded machine): every other append, dead-letter gaps
-- included, waited behind it. A card without a vector is pending (LessonEmbedding fills it) and is not ranked yet.
alter table lesson_cards alter column embedding drop not null;
create index lesson_cards_pending on lesson_cards (created_at) where embedding is null;
