-- Vector indexes in a cluster (issue 13, ADR 0047). Runs on H2 and PostgreSQL.
--
-- build_id names the index's published build: its files are in <lake>/_indexes/<name>/builds/<build_id>/,
-- written and forced to disk before one UPDATE publishes them (with the counts and build_signature).
-- NULL: the index's files are directly in <lake>/_indexes/<name>/ (an index never refreshed, or one
-- refreshed before this migration). Every hub serving searches reads build_id with the registry row it
-- reads per search anyway, and reopens the index when it changed.
ALTER TABLE vector_index ADD COLUMN build_id VARCHAR(100);

-- Who builds an index now: one hub at a time across a cluster sharing the catalog. The lease expires
-- (a hub that died does not block the index for ever) and is renewed while the build runs; a publish
-- only succeeds while its builder still holds the lease. job_id is the builder's job, so a hub that
-- waits for the build can name it.
CREATE TABLE vector_build_lease (
    index_name    VARCHAR(63) NOT NULL,
    holder        VARCHAR(200) NOT NULL,
    job_id        VARCHAR(200) NOT NULL,
    -- Microseconds since the epoch.
    expires_at    BIGINT NOT NULL,
    CONSTRAINT pk_vector_build_lease PRIMARY KEY (index_name)
);
