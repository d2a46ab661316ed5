package io.lakehub.processors.testing;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the ingest pipeline with the contract's observable behaviour (commit, refuse with
 * a line number, recognise the same bytes again, catalog outage), recording what it was asked to do
 * and the bytes it saw at that moment. The real pipeline is exercised by processors' ingest tests
 * and the app's integration tests.
 *
 * <p>The request's file is text (UTF-8 unless the options name a charset): the first line is the header (one string column per name), each
 * further line a row. Content rules: a line {@code REFUSE} is refused naming its line; {@code
 * OUTAGE} fails with the catalog unavailable while {@link #outages} is above zero (each failure
 * counts it down); {@code CRASH} throws an unexpected exception. The same bytes into the same
 * dataset a second time are a duplicate.
 *
 * <p>Without a catalog ({@link #RecordingIngestService()}) snapshot ids come from a counter. With one
 * ({@link #RecordingIngestService(Catalog)}) each ingest is a real {@link Catalog#commit} (snapshot,
 * lineage, audit; the file it names is not written), duplicates are found by the catalog's content
 * hash, and a refusal is audited as {@code ingest.refused}.
 */
public final class RecordingIngestService implements IngestService {

    /** One call, with the file content as it was when the ingest ran. */
    public record Call(IngestRequest request, String content) {}

    /** Every call, in order. */
    public final List<Call> calls = new CopyOnWriteArrayList<>();

    /** How many more {@code OUTAGE} contents fail. */
    public final AtomicInteger outages = new AtomicInteger();

    private final Catalog catalog;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Long> committedContent = new HashMap<>();

    /** Commits nowhere: snapshot ids count up from 1. */
    public RecordingIngestService() {
        this(null);
    }

    /** Commits each ingest to {@code catalog}. */
    public RecordingIngestService(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public synchronized IngestResult ingest(IngestRequest request) {
        String content;
        try {
            content = Files.readString(
                    request.file(),
                    request.options() != null && request.options().charset() != null
                            ? request.options().charset()
                            : StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(request, content));
        String dataset = request.dataset().value();
        if (content.isEmpty()) {
            // As the Ingestor: a file of 0 bytes is a success without rows that creates nothing.
            return new IngestResult(
                    IngestResult.Outcome.EMPTY,
                    dataset,
                    0,
                    0,
                    List.of(),
                    null,
                    List.of(),
                    0,
                    null,
                    "the file is empty (0 bytes): no columns, so no dataset was created");
        }
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            switch (lines.get(i)) {
                case "REFUSE" -> {
                    if (catalog != null) {
                        catalog.audit()
                                .append(new AuditEntry(request.actor(), "ingest.refused", "dataset:" + dataset, "{}"));
                    }
                    throw new IngestRefusedException(
                            request.file() + ": line " + (i + 1) + ", column 'age': value is not a valid int."
                                    + " Nothing was written.",
                            null);
                }
                case "OUTAGE" -> {
                    if (outages.getAndDecrement() > 0) {
                        throw new CatalogUnavailableException(
                                "The catalog database is unreachable; nothing was committed.", null);
                    }
                }
                case "CRASH" -> throw new IllegalStateException("simulated bug");
                default -> {}
            }
        }
        String hash = Hashes.sha256(content.getBytes(StandardCharsets.UTF_8));
        long rows = Math.max(0, lines.size() - 1);
        Long earlier = catalog == null
                ? committedContent.get(dataset + "\u0000" + hash)
                : catalog.findByContentHash(request.dataset(), hash)
                        .map(l -> l.snapshotId())
                        .orElse(null);
        if (earlier != null) {
            return new IngestResult(IngestResult.Outcome.DUPLICATE, dataset, earlier, rows, List.of(), hash, List.of());
        }
        String file;
        long snapshot;
        if (catalog == null) {
            snapshot = counter.incrementAndGet();
            file = dataset + "/f" + snapshot + ".parquet";
            committedContent.put(dataset + "\u0000" + hash, snapshot);
        } else {
            // Named by content: a catalog outlives this service (the CLI opens one per command).
            file = dataset + "/f-" + hash.substring("sha256:".length(), "sha256:".length() + 16) + ".parquet";
            LakeSchema schema = new LakeSchema(
                    lines.isEmpty()
                            ? List.of(LakeField.nullable("value", LakeType.STRING))
                            : Arrays.stream(lines.getFirst().split(","))
                                    .map(c -> LakeField.nullable(c.strip(), LakeType.STRING))
                                    .toList());
            snapshot = catalog.commit(CommitRequest.append(
                            request.dataset(),
                            schema,
                            List.of(),
                            List.of(new NewDataFile(file, rows, 1000, List.of())),
                            new Lineage(request.sourceSystem(), request.sourceUri(), request.pipeline(), hash),
                            request.actor()))
                    .id();
        }
        return new IngestResult(
                IngestResult.Outcome.COMMITTED, dataset, snapshot, rows, List.of(file), hash, List.of());
    }
}
