-- Indexes of readings, the table every sensor value goes into (100k rows a second and more).
--
-- readings_centre_time (centre_id, time DESC) served no query: readings are read per sensor through
-- readings_identity. It still cost each inserted row a descent into a second B-tree, about a quarter of
-- PostgreSQL's work per row. Meanwhile the rollup job (one hour across all sensors) and the retention
-- job (everything before a time) select by time alone, which no index served on plain PostgreSQL: a
-- full scan per hour rolled up.
--
-- A BRIN index on time serves both at next to no cost per insert, because readings arrive in time order
-- (late ones, replayed from the spool, only widen a few block ranges). autosummarize has autovacuum
-- summarize each block range once it is full. TimescaleDB hypertables also get a B-tree on time per
-- chunk from create_hypertable; the BRIN index is small and cheap there too.
DROP INDEX IF EXISTS readings_centre_time;
CREATE INDEX IF NOT EXISTS readings_time_brin ON readings USING brin (time) WITH (autosummarize = on);
