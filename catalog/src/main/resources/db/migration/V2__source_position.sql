-- Lakehub catalog, version 2: where each source stopped. Runs on H2 and PostgreSQL.
--
-- One row per dataset and snapshot property key, holding the newest committed value of that
-- property (a file's content hash, a database poller's cursor, later Kafka offsets). The commit
-- transaction that records a snapshot updates these rows, so a source reads back exactly what was
-- committed with the data (Catalog.sourcePosition) with one indexed lookup instead of scanning
-- snapshot.properties_json. No backfill: no snapshot carried properties before this version.
CREATE TABLE source_position (
    dataset_id     BIGINT NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    property_key   VARCHAR(1000) NOT NULL,
    property_value VARCHAR NOT NULL,
    -- The snapshot that committed this value.
    snapshot_id    BIGINT NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    CONSTRAINT pk_source_position PRIMARY KEY (dataset_id, property_key)
);
