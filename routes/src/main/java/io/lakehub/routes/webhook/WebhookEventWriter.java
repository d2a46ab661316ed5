package io.lakehub.routes.webhook;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.chain.BatchSource;
import io.lakehub.processors.chain.ForwardingBatchSource;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.json.NdjsonBatchReader;
import io.lakehub.processors.stream.CommitBatchWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Commits one batch of a webhook pipeline's events: the events (compact JSON objects) are spooled to
 * one NDJSON file, read by the NDJSON reader (type inference and widening as for any NDJSON file)
 * and ingested through the pipeline's chain (its steps, its mode) into its dataset in one commit,
 * with the batch's idempotency keys in the same transaction. The spool file is deleted afterwards.
 */
public final class WebhookEventWriter implements CommitBatchWriter<byte[]> {

    /** How a batch reaches the pipeline's chain: the hub sends it through the pipeline's {@code lakehub:} endpoint. */
    @FunctionalInterface
    public interface ChainIngest {
        /**
         * Drains {@code source} through the pipeline's steps into its dataset in one commit that also
         * remembers {@code keys}.
         */
        IngestResult ingest(BatchSource source, IdempotencyKeys keys);
    }

    private final String pipeline;
    private final DatasetName dataset;
    private final Catalog catalog;
    private final Path spool;
    private final ChainIngest chain;

    /**
     * @param spool a folder for the batches' NDJSON files (created on demand)
     */
    public WebhookEventWriter(String pipeline, DatasetName dataset, Catalog catalog, Path spool, ChainIngest chain) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.chain = Objects.requireNonNull(chain, "chain");
    }

    /** The scope of a webhook pipeline's idempotency keys. */
    public static String scope(String pipeline) {
        return "webhook:" + pipeline;
    }

    @Override
    public long commit(List<byte[]> items, IdempotencyKeys keys) {
        Path file;
        try {
            Files.createDirectories(spool);
            file = spool.resolve("webhook-" + pipeline + "-" + UUID.randomUUID() + ".ndjson");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (byte[] event : items) {
                    out.write(event);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not spool " + items.size() + " webhook events of pipeline " + pipeline + " under " + spool
                            + "; nothing was written",
                    e);
        }
        try {
            IngestResult result =
                    chain.ingest(new EventsSource(new NdjsonBatchReader(file, ReadOptions.detect())), keys);
            if (result.outcome() == IngestResult.Outcome.DUPLICATE) {
                throw new LakehubException("The webhook batch of pipeline " + pipeline
                        + " was taken for a duplicate file; nothing was written");
            }
            return result.snapshotId();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover spool file holds no committed state; the next start of the hub's spool cleans it.
            }
        }
    }

    @Override
    public Map<String, IdempotencyKeys.Remembered> remembered(Collection<String> keys) {
        return catalog.rememberedKeys(dataset, scope(pipeline), keys);
    }

    /** A refusal of the batch (a type conflict between requests, a step refusing a value) may be one request's doing. */
    @Override
    public boolean isolates(RuntimeException failure) {
        return failure instanceof IngestRefusedException;
    }

    /**
     * The spooled events as a source without a content hash or position: identical events in two
     * batches are two deliveries, never a re-delivered file.
     */
    private static final class EventsSource extends ForwardingBatchSource {
        EventsSource(BatchSource delegate) {
            super(delegate);
        }

        @Override
        public Map<String, String> position() {
            return Map.of();
        }

        @Override
        public Map<String, String> facts() {
            return Map.of();
        }
    }
}
