package io.lakehub.schedules.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * Every key of a pipeline entry under {@code lakehub.pipelines}, with its default, an example and
 * its description: the one place they are written. {@link PipelineConfigLoader} takes its lists
 * of known keys (and so its "did you mean" suggestions) from here, and docs/configuration.md is
 * generated from it.
 */
public enum PipelineKey {
    ID(
            "id",
            null,
            "people",
            "The pipeline's unique id: a lower-case letter, then up to 62 lower-case"
                    + " letters, digits, `_` or `-`. It appears in URLs (`/api/pipelines/{id}/...`) and the run history."),
    FROM(
            "from",
            null,
            "\"file:inbox/people\"",
            "The Camel endpoint URI the pipeline reads from; any Camel endpoint whose component is on"
                    + " the class path. Relative `file:` paths are relative to the hub's working directory."),
    FORMAT(
            "format",
            "by file name",
            "csv",
            "The source format: csv, tsv, json, ndjson (jsonl), parquet, text (txt, md). Default: detected per file"
                    + " from its name, then its first bytes."),
    INTO(
            "into",
            null,
            "people",
            "The dataset written to: a lower-case letter, then lower-case letters,"
                    + " digits or `_`; not `lakehub_*`."),
    MODE(
            "mode",
            "append",
            "append",
            "How rows are written: `append`; `upsert` (with `key`) is accepted by the"
                    + " format but refused by the hub until the writer supports it."),
    KEY("key", "(none)", "[candidate_id]", "A column or a list of columns identifying a row; required with `upsert`."),
    SCHEDULE(
            "schedule",
            "(none)",
            "\"0 */5 * * * ?\"",
            "A Quartz cron expression (second minute hour day-of-month month day-of-week [year]). On a polling"
                    + " source such as a folder, the cron decides when it is scanned; without a schedule the source"
                    + " is consumed continuously and each message is a `file` run."),
    TIMEZONE("timezone", "the hub's zone", "Europe/Paris", "The zone the cron is read in; only with `schedule`."),
    MISFIRE(
            "misfire",
            "fire-once-now",
            "skip",
            "What to do about fire times missed while the hub was down, paused or busy: `fire-once-now`, `skip`"
                    + " or `fire-all`; only with `schedule`."),
    TRIGGER(
            "trigger",
            "(none)",
            "{ secret: \"${PEOPLE_TRIGGER_SECRET}\" }",
            "Enables the webhook" + " `POST /api/pipelines/{id}/trigger`."),
    TRIGGER_SECRET(
            "trigger.secret",
            null,
            "\"${PEOPLE_TRIGGER_SECRET}\"",
            "The webhook's secret, exactly one environment placeholder; callers send `X-Hub-Signature-256:"
                    + " sha256=<HMAC-SHA256 of the body>` or `Authorization: Bearer <secret>`. Never logged or stored."),
    ON_ERROR(
            "onError",
            "(none)",
            "{ retries: 3, backoff: 2s, deadLetter: \"file:data/dead\" }",
            "What a failing" + " message gets: retries, then the dead letter endpoint; without one the run fails."),
    ON_ERROR_RETRIES("onError.retries", "0", "3", "Redeliveries of a failing message, 0 to 100."),
    ON_ERROR_BACKOFF(
            "onError.backoff",
            "1s",
            "2s",
            "Wait between redeliveries: `500ms`, `2s`, `5m`, `1h`, `1d`, a"
                    + " number of milliseconds, or ISO-8601 `PT2S`."),
    ON_ERROR_DEAD_LETTER(
            "onError.deadLetter",
            "(none)",
            "\"file:data/dead\"",
            "Camel endpoint receiving the original message when the retries are used up; the run is then recorded"
                    + " as failed, naming it."),
    STEPS(
            "steps",
            "(none)",
            "[{ drop-columns: [ssn] }, { rename-columns: { fullname: name } }]",
            "Processor steps every batch runs through before it is written, in order; each entry is one of"
                    + " `drop-columns`, `rename-columns`, `class` or `processor`. Their reports are committed with"
                    + " each snapshot as `step.<name>.*` properties and in its audit event."),
    STEPS_DROP_COLUMNS(
            "steps.drop-columns",
            "(none)",
            "[ssn, notes]",
            "Columns that never reach the lake (names ignoring case); a column the source lacks is refused."),
    STEPS_RENAME_COLUMNS(
            "steps.rename-columns",
            "(none)",
            "{ fullname: name }",
            "Columns that land under a new name: `old: new` pairs; a column the source lacks is refused."),
    STEPS_CLASS(
            "steps.class",
            "(none)",
            "com.acme.MaskEmails",
            "A Java class on the hub's class path implementing `io.lakehub.processors.chain.Step`, with a"
                    + " public no-argument constructor; a fresh instance per ingest."),
    STEPS_OPTIONS(
            "steps.options",
            "(none)",
            "{ column: email }",
            "Options for a `class` step, a mapping of single values; the step reads them from its" + " `StepContext`."),
    STEPS_PROCESSOR(
            "steps.processor",
            "(none)",
            "scrubber",
            "The name of a Camel `Processor` bean; its exchange body is each Arrow `VectorSchemaRoot` batch,"
                    + " which it may change in place (same columns)."),
    STEPS_NAME(
            "steps.name",
            "the kind, class or bean name",
            "mask-emails",
            "The name a `class` or `processor` step's report is recorded under (`step.<name>.*`)."),
    JDBC(
            "jdbc",
            "(none)",
            "{ url: \"jdbc:postgresql://127.0.0.1:5432/test\", user: postgres, table: public.orders, cursor: [updated_at, id] }",
            "The database poller read by `from: jdbc` (and only then): a PostgreSQL or MySQL/MariaDB table or"
                    + " SELECT, read in keyset pages. See docs/pipelines.md, \"Database pollers\"."),
    JDBC_URL(
            "jdbc.url",
            null,
            "\"jdbc:postgresql://127.0.0.1:5432/test\"",
            "The JDBC URL: `jdbc:postgresql:`, `jdbc:mariadb:` or `jdbc:mysql:`. Shown in lineage and messages"
                    + " with any credentials masked; put the password in `jdbc.password`."),
    JDBC_USER("jdbc.user", "the URL's", "postgres", "The database user."),
    JDBC_PASSWORD(
            "jdbc.password",
            "(none)",
            "\"${ORDERS_DB_PASSWORD}\"",
            "The database password, exactly one environment placeholder (never a value written in the file)."
                    + " Never logged, stored, audited or shown in an error."),
    JDBC_TABLE(
            "jdbc.table",
            "(none)",
            "public.orders",
            "The table to read, optionally schema-qualified (`\"Quoted\"` names keep their case); or `query`."),
    JDBC_QUERY(
            "jdbc.query",
            "(none)",
            "\"SELECT id, total, updated_at FROM orders WHERE region = 'EU'\"",
            "A single SELECT whose rows are read instead of a table (cursor and key refer to its columns);"
                    + " anything but a SELECT is refused. It is read on a read-only connection."),
    JDBC_CURSOR(
            "jdbc.cursor",
            "(none: a full snapshot every poll)",
            "[updated_at, id]",
            "The columns rows are read in order of, incrementally: each poll reads `(c1, c2, ...) >` the"
                    + " committed position. The key columns not listed are appended so the order identifies a"
                    + " row. A cursor column must never be NULL (refused otherwise). Without a cursor every poll"
                    + " reads the whole table: on PostgreSQL in one binary COPY, on MySQL/MariaDB in pages over the key."),
    JDBC_KEY(
            "jdbc.key",
            "`key`, else the table's primary key",
            "[id]",
            "The source's key columns, ordering rows within equal cursor values and paging a full snapshot."),
    JDBC_LAG(
            "jdbc.lag",
            "30s",
            "2m",
            "Safety lag when the first cursor column is a timestamp: only rows older than the database's"
                    + " `now() - lag` are read, so rows a slow transaction commits late with an older timestamp are"
                    + " still caught if it commits within the lag; a larger lag delays every row that much. 0"
                    + " disables it."),
    JDBC_PAGE_SIZE("jdbc.pageSize", "50000", "10000", "Rows per keyset page (`ORDER BY cursor LIMIT n`)."),
    JDBC_FETCH_SIZE("jdbc.fetchSize", "5000", "1000", "Rows the driver fetches per round trip while streaming a page."),
    DELETED(
            "deleted",
            "(none)",
            "{ column: is_deleted }",
            "Deletes of a `from: jdbc` source: a soft-delete `column` and/or a periodic key comparison"
                    + " (`compare-keys`). Needs `mode: upsert` and `key`."),
    DELETED_COLUMN(
            "deleted.column",
            null,
            "is_deleted",
            "Soft deletes: the boolean column that is true for a deleted row. It is read like any column (so the"
                    + " dataset holds it as a boolean); a row with true hides its key in the dataset, a later row"
                    + " of the key with false brings it back."),
    DELETED_COMPARE_KEYS(
            "deleted.compare-keys",
            "(none)",
            "PT1H",
            "Hard deletes of a `from: jdbc` source: the first poll after this much time since the last"
                    + " comparison (`1h`, `PT1H`) also reads every key of the source (keyset pages over the key"
                    + " columns) and hides the dataset's keys that are gone from it; they count as deleted."),
    ON_BAD_ROWS(
            "on_bad_rows",
            "the dataset's, else rejects",
            "skip",
            "What to do with rows the reader cannot read (a CSV row with the wrong number of fields, an NDJSON"
                    + " line that is not an object): `fail` (the file is refused, nothing written), `skip` (left out"
                    + " and counted) or `rejects` (kept in the dataset `<into>__rejects` with the file, line, reason"
                    + " and raw line). Files only."),
    MAX_BAD_ROWS(
            "max_bad_rows",
            "the dataset's, else 1%",
            "\"0.5%\"",
            "The most bad rows a file may have with `skip` or `rejects`: a percentage of its rows (`1%`) or a"
                    + " number of rows (`100`). A file with more is refused and nothing of it is written."),
    CDC(
            "cdc",
            "(none)",
            "{ url: \"jdbc:postgresql://127.0.0.1:5432/shop\", user: lakehub, tables: [public.orders], slot: lakehub_orders }",
            "The change data capture read by `from: cdc` (and only then): a PostgreSQL table's inserts, updates"
                    + " and deletes through a logical replication slot (pgoutput), upserted by its primary key"
                    + " (`mode: upsert`, the default for `from: cdc`, and `key:` the primary key)."),
    CDC_URL(
            "cdc.url",
            null,
            "\"jdbc:postgresql://127.0.0.1:5432/shop\"",
            "The PostgreSQL database: `jdbc:postgresql://host[:port]/database`. Needs `wal_level = logical`."),
    CDC_USER("cdc.user", "(none)", "lakehub", "The database user: a role with `REPLICATION` (or a superuser)."),
    CDC_PASSWORD(
            "cdc.password",
            "(none)",
            "\"${SHOP_DB_PASSWORD}\"",
            "The database password, exactly one environment placeholder. Never logged or stored."),
    CDC_TABLES("cdc.tables", null, "[public.orders]", "The captured table, schema-qualified: one per pipeline."),
    CDC_SLOT(
            "cdc.slot",
            null,
            "lakehub_orders",
            "The replication slot: created at the first start, kept while the pipeline is configured (it holds"
                    + " the WAL the pipeline has not committed yet). Lower-case letters, digits and `_`."),
    CDC_PUBLICATION(
            "cdc.publication",
            "<slot>_pub",
            "lakehub_orders_pub",
            "The publication the slot decodes; created for the table when missing (needs the table's owner),"
                    + " or created beforehand by the DBA."),
    PII(
            "pii",
            "{ scan: true }",
            "{ policies: [{ column: email, action: hash }, { type: CREDIT_CARD, action: mask, keep_suffix: 4 }] }",
            "The PII scan of this pipeline's ingests and its policies (`flag`, `mask`, `hash`, `drop`) by column or"
                    + " entity type, applied before Parquet is written; see [pii.md](pii.md). `scan: false` turns the"
                    + " scan off for this pipeline."),
    PII_SCAN("pii.scan", "true", "false", "Whether this pipeline's ingests are scanned for PII (and governed)."),
    PII_POLICIES(
            "pii.policies",
            "(none)",
            "[{ column: email, action: hash }]",
            "Each entry names a `column` or an entity `type` and an `action`: `flag`, `mask` (with `keep_prefix`,"
                    + " `keep_suffix`), `hash` (needs `lakehub.pii.hash-key`) or `drop`."),
    EMBED(
            "embed",
            "(none)",
            "{ index: docs_idx }",
            "Vector indexes ([vector-engine.md](vector-engine.md)) refreshed after each commit this pipeline"
                    + " makes: `{ index: NAME }`, `{ index: [A, B] }` or a list of `{ index: NAME }`. Each index must"
                    + " exist when the hub starts (an unknown one stops it, naming this key)."),
    EMBED_INDEX("embed.index", null, "docs_idx", "The vector index's name, or a list of names."),
    WEBHOOK(
            "webhook",
            "(none)",
            "{ secret: \"${ORDERS_WEBHOOK_SECRET}\" }",
            "The HTTP webhook source of a `from: webhook` pipeline: events POSTed to `/api/webhooks/{id}` (a JSON"
                    + " object, a JSON array, NDJSON or CSV) land in `into`, answered 202 once committed."
                    + " Required with `from: webhook`, refused otherwise."),
    WEBHOOK_SECRET(
            "webhook.secret",
            null,
            "\"${ORDERS_WEBHOOK_SECRET}\"",
            "The webhook's secret, exactly one environment placeholder; senders sign the raw body"
                    + " (`X-Hub-Signature-256: sha256=<HMAC-SHA256>`) or send `Authorization: Bearer <secret>`. Never"
                    + " logged or stored.");

    private final String path;
    private final String defaultValue;
    private final String example;
    private final String description;

    PipelineKey(String path, String defaultValue, String example, String description) {
        this.path = path;
        this.defaultValue = defaultValue;
        this.example = example;
        this.description = description;
    }

    /** The key's path inside a pipeline entry, e.g. {@code onError.backoff}. */
    public String path() {
        return path;
    }

    /** The default as the documentation shows it; {@code null} for a required key. */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return defaultValue == null && !path.contains(".");
    }

    /** A value as it would be written in the file. */
    public String example() {
        return example;
    }

    /** Markdown. */
    public String description() {
        return description;
    }

    /** The keys directly under {@code parent} ({@code ""} for the pipeline entry itself), in this order. */
    static List<String> keysUnder(String parent) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        return Arrays.stream(values())
                .map(PipelineKey::path)
                .filter(p ->
                        p.startsWith(prefix) && !p.substring(prefix.length()).contains("."))
                .map(p -> p.substring(prefix.length()))
                .toList();
    }
}
