-- Idempotency keys of push sources (webhooks, ADR 0023). Runs on H2 and PostgreSQL.
--
-- One row per (dataset, scope, key): a request carrying an Idempotency-Key whose data was committed
-- in snapshot snapshot_id. The commit transaction that records the data inserts these rows (under the
-- dataset's row lock), so a key is remembered exactly when its data is in the lake; a retry of the
-- same key finds the row and is acknowledged with the same answer without writing again. Rows are
-- deleted once expires_at (microseconds since the epoch) has passed, by later commits of the scope.
CREATE TABLE idempotency_key (
    dataset_id  BIGINT NOT NULL REFERENCES dataset (id),
    -- Who owns the key, e.g. webhook:<pipeline id>.
    scope       VARCHAR(200) NOT NULL,
    key_value   VARCHAR(200) NOT NULL,
    snapshot_id BIGINT NOT NULL REFERENCES snapshot (id),
    -- What the first request was told: how many events it delivered.
    accepted    BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    CONSTRAINT pk_idempotency_key PRIMARY KEY (dataset_id, scope, key_value)
);
CREATE INDEX ix_idempotency_key_expiry ON idempotency_key (dataset_id, scope, expires_at);
