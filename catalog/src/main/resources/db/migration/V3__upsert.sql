-- Upsert datasets (ADR 0009). Runs on H2 and PostgreSQL.

-- The key columns of an upsert dataset, a JSON array of names, recorded by its first upsert (MERGE)
-- and fixed from then on; NULL for an append-only dataset.
ALTER TABLE dataset ADD COLUMN key_columns VARCHAR(4000);

-- What each snapshot did to the rows a query sees. An append inserts every row it adds; an upsert
-- counts keys newly visible, keys that got a new version and keys it hid; a compaction changes none.
ALTER TABLE snapshot ADD COLUMN inserted_rows BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE snapshot ADD COLUMN updated_rows BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE snapshot ADD COLUMN deleted_rows BIGINT DEFAULT 0 NOT NULL;
UPDATE snapshot SET inserted_rows = added_rows WHERE operation = 'APPEND';

-- When the file itself was deleted from the lake because no current snapshot needs it any more
-- (Catalog.expireRemovedFiles); the row stays, so history still lists the file.
ALTER TABLE data_file ADD COLUMN expired_at BIGINT;
CREATE INDEX ix_data_file_removed ON data_file (removed_snapshot_id, expired_at);
