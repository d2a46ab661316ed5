-- PII classification of columns (ADR 0037). Runs on H2 and PostgreSQL.
--
-- One row per dataset, schema version and column: the newest result of the PII scan (ADR 0028) for
-- that column under that schema version, written by the transaction of the commit whose data was
-- scanned (the same commit that introduced the schema version, or a later one under it, which
-- replaces the row). The scan reports it as step.pii.column.<name>.* snapshot properties; the commit
-- keeps those too (audit). Never a value: a type, numbers, the policy's action.
CREATE TABLE column_classification (
    dataset_id     BIGINT NOT NULL REFERENCES dataset (id),
    schema_version INTEGER NOT NULL,
    -- The column's lower-case key (names are unique ignoring case) and its name as scanned.
    column_key     VARCHAR(1000) NOT NULL,
    column_name    VARCHAR(1000) NOT NULL,
    -- The entity type (EMAIL, PHONE, ...); NULL when the scan found no PII.
    pii            VARCHAR(32),
    -- 0..1: how sure the scan is of pii (or of "not PII" when pii is NULL).
    confidence     DOUBLE PRECISION NOT NULL,
    -- Non-null values examined, those (or free-text cells) that matched pii, and matches / sampled.
    sampled        BIGINT NOT NULL,
    matches        BIGINT NOT NULL,
    match_ratio    DOUBLE PRECISION NOT NULL,
    -- mask, hash, drop or quarantine when a policy acted on the column; NULL for flag.
    action         VARCHAR(16),
    -- The snapshot whose commit recorded this result.
    snapshot_id    BIGINT NOT NULL REFERENCES snapshot (id),
    CONSTRAINT pk_column_classification PRIMARY KEY (dataset_id, schema_version, column_key)
);
