-- User views (ADR 0030). Runs on H2 and PostgreSQL.
--
-- One row per view: a named, filtered and redacted window onto one dataset, registered in DuckDB at
-- every start of the hub. definition is a JSON object {"columns": [...], "row_filter": "...",
-- "redactions": {"col": "mask"|"hash"|"null"}}; it never holds data values.
CREATE TABLE lake_view (
    name       VARCHAR(63) NOT NULL,
    base       VARCHAR(63) NOT NULL,
    definition VARCHAR NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    -- Microseconds since the epoch, as every time in the catalog.
    created_at BIGINT NOT NULL,
    CONSTRAINT pk_lake_view PRIMARY KEY (name)
);
