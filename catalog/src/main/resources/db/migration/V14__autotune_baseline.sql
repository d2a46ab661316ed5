-- The growth trigger's baseline of each vector index (issue 11, ADR 0045): the row count when the autotune
-- agent last started a run for growth, or first saw the index. Kept in the catalog, not in a hub's memory, so
-- a restarted hub — or another hub of the cluster — compares against the same baseline. Runs on H2 and PostgreSQL.
CREATE TABLE vector_autotune_baseline (
    index_name    VARCHAR(63) NOT NULL,
    row_count     BIGINT NOT NULL,
    -- Microseconds since the epoch, as every time in the catalog.
    updated_at    BIGINT NOT NULL,
    CONSTRAINT pk_vector_autotune_baseline PRIMARY KEY (index_name)
);
