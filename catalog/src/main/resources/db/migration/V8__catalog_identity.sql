-- The catalog's identity (ADR 0035). Runs on H2 and PostgreSQL.
--
-- One row, created by the first process that opens the catalog after this migration: a random UUID
-- that the lake's marker file (<lake>/.lakehub-catalog) records, so a hub pointed at a lake that
-- belongs to another catalog refuses to start. The single-row key (id = 1) makes the creation
-- race-free: two hubs starting at once both insert, one insert wins, both read the winner back.
CREATE TABLE catalog_identity (
    id          INT NOT NULL PRIMARY KEY,
    catalog_id  VARCHAR(36) NOT NULL,
    -- Microseconds since the epoch.
    created_at  BIGINT NOT NULL,
    CONSTRAINT ck_catalog_identity_single CHECK (id = 1)
);
