package io.lakehub.routes.component;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code lakehub:} producer reads and sets. */
public final class LakehubConstants {

    @Metadata(
            description = "The snapshot that holds the ingested rows: the new one, or for a duplicate the"
                    + " earlier one that already holds the same bytes.",
            javaType = "long")
    public static final String SNAPSHOT_ID = "LakehubSnapshotId";

    @Metadata(
            description = "Rows read from the source; for a duplicate, as reported by the ingest (nothing new was"
                    + " written).",
            javaType = "long")
    public static final String ROWS = "LakehubRows";

    @Metadata(
            description = "COMMITTED, or DUPLICATE when the same bytes were ingested into the dataset before"
                    + " (nothing new was written).",
            javaType = "String")
    public static final String OUTCOME = "LakehubOutcome";

    @Metadata(
            description = "Rows the reader could not read, skipped or kept in the rejects dataset (on_bad_rows);"
                    + " 0 when none.",
            javaType = "long")
    public static final String BAD_ROWS = "LakehubBadRows";

    @Metadata(description = "The dataset the producer ingested into.", javaType = "String")
    public static final String DATASET = "LakehubDataset";

    @Metadata(
            description = "Input: what lineage records as the source of the rows, instead of the file path"
                    + " (credentials are redacted before storing).",
            javaType = "String")
    public static final String SOURCE_URI = "LakehubSourceUri";

    @Metadata(
            description = "Input: hive partition values of the file (a java.util.Map of key to value, in folder"
                    + " order; a null value is a null cell), added as typed columns of every row by the"
                    + " partition-columns step, before the endpoint's own steps. The inbox sets it from"
                    + " key=value folders.",
            javaType = "java.util.Map<String, String>")
    public static final String PARTITIONS = "LakehubPartitions";

    @Metadata(
            description = "Input, with a BatchSource body: idempotency keys (an"
                    + " io.lakehub.catalog.commit.IdempotencyKeys) remembered in the commit's transaction; a key"
                    + " already remembered fails the exchange with DuplicateIdempotencyKeyException and writes"
                    + " nothing (webhooks, ADR 0023).",
            javaType = "io.lakehub.catalog.commit.IdempotencyKeys")
    public static final String IDEMPOTENCY_KEYS = "LakehubIdempotencyKeys";

    private LakehubConstants() {}
}
