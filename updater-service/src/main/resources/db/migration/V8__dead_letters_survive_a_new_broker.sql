-- A dead letter was unique by where it was read from (dlq topic, partition, offset). When the broker's offsets start
-- again (a topic deleted and recreated, a new Kafka cluster beside a kept database) a new dead letter can sit at the
-- position of an old one, and was then dropped as a "redelivery": lost, with no gap in its job's trail. The record's
-- own Kafka timestamp tells the two apart (a redelivery carries the same one); rows stored before have -1.
alter table dead_letters add column dlq_timestamp bigint not null default -1;
alter table dead_letters drop constraint dead_letters_dlq_topic_dlq_partition_dlq_offset_key;
alter table dead_letters add constraint dead_letters_record_key
    unique (dlq_topic, dlq_partition, dlq_offset, dlq_timestamp);
