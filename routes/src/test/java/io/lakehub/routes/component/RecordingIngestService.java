package io.lakehub.routes.component;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the ingest pipeline with the contract's observable behaviour (commit, refuse
 * with a line number, recognise the same bytes again, catalog outage), recording what it was
 * asked to do and the bytes it saw at that moment. The real pipeline is exercised by the app's
 * integration tests.
 *
 * <p>Content rules: a line {@code REFUSE} is refused with its line number; {@code OUTAGE} fails
 * with the catalog unavailable for the first {@link #outages} attempts; {@code CRASH} throws an
 * unexpected exception.
 */
public final class RecordingIngestService implements IngestService {

    /** One call, with the file content as it was when the ingest ran. */
    public record Call(IngestRequest request, String content) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger outages = new AtomicInteger();

    private final AtomicLong snapshots = new AtomicLong();
    private final Map<String, Long> committedContent = new HashMap<>();

    @Override
    public synchronized IngestResult ingest(IngestRequest request) {
        String content;
        try {
            content = Files.readString(request.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        calls.add(new Call(request, content));
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            switch (lines.get(i)) {
                case "REFUSE" ->
                    throw new IngestRefusedException(
                            request.file() + ": line " + (i + 1) + ", column 'age': value is not a valid int."
                                    + " Nothing was written.",
                            null);
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
        String key = request.dataset().value() + "\u0000" + content;
        Long earlier = committedContent.get(key);
        long rows = Math.max(0, lines.size() - 1);
        if (earlier != null) {
            return new IngestResult(
                    IngestResult.Outcome.DUPLICATE,
                    request.dataset().value(),
                    earlier,
                    rows,
                    List.of(),
                    "sha",
                    List.of());
        }
        long snapshot = snapshots.incrementAndGet();
        committedContent.put(key, snapshot);
        return new IngestResult(
                IngestResult.Outcome.COMMITTED,
                request.dataset().value(),
                snapshot,
                rows,
                List.of(request.dataset().value() + "/f" + snapshot + ".parquet"),
                "sha",
                List.of());
    }
}
