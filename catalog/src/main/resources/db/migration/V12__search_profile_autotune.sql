-- Search profiles and the autotune journal (issue 11, ADR 0041). Runs on H2 and PostgreSQL.
--
-- A search profile scopes one consumer's searches: the datasets (or governance views) and vector
-- indexes it may search, and its default k, filter and mode. Names are identifiers (no commas), so
-- the bindings are kept as comma-separated lists.
CREATE TABLE search_profile (
    id              VARCHAR(63) NOT NULL,
    datasets        VARCHAR(4000) NOT NULL,
    indexes         VARCHAR(4000) NOT NULL,
    default_k       INTEGER,
    default_filter  VARCHAR(4000),
    default_mode    VARCHAR(20),
    created_by      VARCHAR(200) NOT NULL,
    -- Microseconds since the epoch, as every time in the catalog.
    created_at      BIGINT NOT NULL,
    CONSTRAINT pk_search_profile PRIMARY KEY (id)
);

-- Evaluation sets of a vector index: queries with their expected keys (JSON), uploaded or generated,
-- versioned with the index's build_signature at the time they were made.
CREATE TABLE vector_evalset (
    index_name       VARCHAR(63) NOT NULL,
    id               VARCHAR(63) NOT NULL,
    origin           VARCHAR(20) NOT NULL,
    build_signature  VARCHAR(64),
    fingerprint      VARCHAR(64) NOT NULL,
    queries          VARCHAR(1000000) NOT NULL,
    created_by       VARCHAR(200) NOT NULL,
    created_at       BIGINT NOT NULL,
    CONSTRAINT pk_vector_evalset PRIMARY KEY (index_name, id)
);

-- The trial journal: append-only; a trial running when the hub stopped is marked abandoned at start.
CREATE TABLE vector_trial (
    index_name    VARCHAR(63) NOT NULL,
    seq           BIGINT NOT NULL,
    evalset_id    VARCHAR(63) NOT NULL,
    -- The parameters tried, in TrialParameters' canonical form.
    parameters    VARCHAR(4000) NOT NULL,
    -- search_time or build_time.
    kind          VARCHAR(20) NOT NULL,
    -- running, completed, failed, abandoned.
    status        VARCHAR(20) NOT NULL,
    k             INTEGER,
    recall        DOUBLE PRECISION,
    p50_micros    BIGINT,
    p95_micros    BIGINT,
    build_millis  BIGINT,
    memory_bytes  BIGINT,
    error         VARCHAR(4000),
    started_at    BIGINT NOT NULL,
    finished_at   BIGINT,
    CONSTRAINT pk_vector_trial PRIMARY KEY (index_name, seq)
);

-- Promotions and rollbacks of an index's parameters: who, when, why; the newest row is in force.
CREATE TABLE vector_promotion (
    index_name    VARCHAR(63) NOT NULL,
    seq           BIGINT NOT NULL,
    -- promote or rollback.
    action        VARCHAR(20) NOT NULL,
    parameters    VARCHAR(4000) NOT NULL,
    previous      VARCHAR(4000) NOT NULL,
    trial_seq     BIGINT,
    reason        VARCHAR(4000) NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    promoted_at   BIGINT NOT NULL,
    CONSTRAINT pk_vector_promotion PRIMARY KEY (index_name, seq)
);

-- Who runs an index's autotune agent: one hub at a time across a cluster sharing the catalog. A lease
-- expires (a hub that died does not block the index for ever) and is renewed after every trial.
CREATE TABLE vector_autotune_lease (
    index_name    VARCHAR(63) NOT NULL,
    holder        VARCHAR(200) NOT NULL,
    expires_at    BIGINT NOT NULL,
    CONSTRAINT pk_vector_autotune_lease PRIMARY KEY (index_name)
);
