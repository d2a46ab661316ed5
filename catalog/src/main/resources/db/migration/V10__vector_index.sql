-- Vector indexes (issue 10, ADR 0038). Runs on H2 and PostgreSQL.
--
-- One row per index: what it indexes (dataset, key column, text column), how (chunking, embedding
-- provider and model, jvector graph parameters, search overquery), when it refreshes, and what its
-- last successful refresh left (row and chunk counts, graph build time, build_signature). The
-- vectors themselves live in <lake>/_indexes/<name>/, never in the catalog database. No foreign key
-- to dataset: an index whose dataset was dropped is kept (its searches say so) until deleted.
CREATE TABLE vector_index (
    name               VARCHAR(63) NOT NULL,
    dataset_name       VARCHAR(63) NOT NULL,
    key_column         VARCHAR(1000) NOT NULL,
    text_column        VARCHAR(1000) NOT NULL,
    chunk_size         INTEGER NOT NULL,
    chunk_overlap      INTEGER NOT NULL,
    -- The provider kind (onnx, hashing, ollama, openai) and what it reported when the index was made.
    provider           VARCHAR(63) NOT NULL,
    model_name         VARCHAR(200) NOT NULL,
    model_version      VARCHAR(200) NOT NULL,
    dimensions         INTEGER NOT NULL,
    max_degree         INTEGER NOT NULL,
    beam_width         INTEGER NOT NULL,
    neighbor_overflow  DOUBLE PRECISION NOT NULL,
    alpha              DOUBLE PRECISION NOT NULL,
    hierarchy          BOOLEAN NOT NULL,
    overquery          INTEGER NOT NULL,
    -- 'manual', 'on-commit' or 'cron:<Quartz expression>'.
    refresh_policy     VARCHAR(200) NOT NULL,
    row_count          BIGINT NOT NULL,
    chunk_count        BIGINT NOT NULL,
    -- Milliseconds the last graph build took.
    build_millis       BIGINT NOT NULL,
    -- SHA-256 (hex) over source snapshot, chunking and model: unchanged means nothing to refresh.
    build_signature    VARCHAR(64),
    -- Microseconds since the epoch, as every time in the catalog; NULL until the first refresh / search.
    refreshed_at       BIGINT,
    last_used          BIGINT,
    created_by         VARCHAR(200) NOT NULL,
    created_at         BIGINT NOT NULL,
    -- Why the last refresh failed (the previous index kept serving); NULL after a successful one.
    last_error         VARCHAR(4000),
    CONSTRAINT pk_vector_index PRIMARY KEY (name)
);
CREATE INDEX ix_vector_index_dataset ON vector_index (dataset_name);
