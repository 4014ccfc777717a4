-- On TimescaleDB the append-only trigger fires on a hypertable's chunk (_hyper_1_2_chunk), which made
-- the refusal name an internal table. Chunks inherit from their hypertable, so name the parent when
-- there is one; on plain PostgreSQL the table has no parent and keeps its own name.
CREATE OR REPLACE FUNCTION carewatch_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tbl text;
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('carewatch.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    SELECT c.relname INTO tbl FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent WHERE i.inhrelid = TG_RELID LIMIT 1;
    RAISE EXCEPTION '% is append-only: % refused', coalesce(tbl, TG_TABLE_NAME), TG_OP;
END
$$;
