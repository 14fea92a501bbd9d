-- Each outbox row names the Kafka topic it goes to, resolved from the writing process's channel configuration when
-- the row is added: instances of one service share the schema, and the relaying one must send a row where its
-- writer meant it to go, not through its own channel settings. Rows written before have none (the relay then
-- falls back to its own channel's topic, as before).
alter table outbox add column topic varchar(249);
