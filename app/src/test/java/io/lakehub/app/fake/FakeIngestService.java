package io.lakehub.app.fake;

import io.lakehub.catalog.audit.AuditEntry;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Ingests text files line by line into a {@link FakeCatalog}: the first line is the header, each
 * further line a row; a line {@code REFUSE} is refused naming its line; the same bytes twice are
 * a duplicate. The real pipeline is exercised by the *IT tests.
 */
public final class FakeIngestService implements IngestService {
    private final FakeCatalog catalog;

    public FakeIngestService(FakeCatalog catalog) {
        this.catalog = catalog;
    }

    private static String sha256(String content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public IngestResult ingest(IngestRequest request) {
        String content;
        try {
            content = Files.readString(request.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String dataset = request.dataset().value();
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("REFUSE")) {
                String reason = request.file() + ": line " + (i + 1) + ", column 'age': value is not a valid int."
                        + " Nothing was written.";
                catalog.audit().append(new AuditEntry(request.actor(), "ingest.refused", "dataset:" + dataset, "{}"));
                throw new IngestRefusedException(reason, null);
            }
        }
        String hash = sha256(content);
        long rows = Math.max(0, lines.size() - 1);
        var earlier = catalog.findByContentHash(request.dataset(), hash);
        if (earlier.isPresent()) {
            return new IngestResult(
                    IngestResult.Outcome.DUPLICATE,
                    dataset,
                    earlier.get().snapshotId(),
                    rows,
                    List.of(),
                    hash,
                    List.of());
        }
        LakeSchema schema = new LakeSchema(
                lines.isEmpty()
                        ? List.of(LakeField.nullable("value", LakeType.STRING))
                        : java.util.Arrays.stream(lines.getFirst().split(","))
                                .map(c -> LakeField.nullable(c.strip(), LakeType.STRING))
                                .toList());
        var snapshot = catalog.recordIngest(
                dataset, schema, rows, request.sourceSystem(), request.sourceUri(), hash, request.actor());
        return new IngestResult(
                IngestResult.Outcome.COMMITTED,
                dataset,
                snapshot.id(),
                rows,
                List.of(dataset + "/f" + snapshot.id() + ".parquet"),
                hash,
                List.of());
    }
}
