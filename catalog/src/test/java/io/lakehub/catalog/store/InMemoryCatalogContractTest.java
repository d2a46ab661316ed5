package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared in-memory catalog ({@code io.lakehub.testing.InMemoryCatalog}, which every module's
 * tests use in place of the real one) against the JDBC catalog on H2: the same seeded random
 * sequence of appends, replaces, refused commits (duplicate bytes, a file that is no longer live, a
 * path already recorded), source positions, audit appends and drops goes to both, and after each
 * operation everything a caller can observe through the {@link Catalog} interface must agree.
 *
 * <p>Snapshot and file ids are compared by their order, not their value: the database consumes
 * identity values in a rolled-back transaction, the in-memory catalog does not. Times and hashes are
 * not compared. {@link JdbcCatalogContract}'s database-level tests (raw table contents, SQL tampering
 * with the journal, two instances on one database, rollbacks forced by constraints) have no
 * in-memory counterpart and run against the databases only; the in-memory catalog's own test covers
 * its failure injection instead.
 */
class InMemoryCatalogContractTest {
    private static final List<DatasetName> DATASETS =
            List.of(DatasetName.of("people"), DatasetName.of("orders"), DatasetName.of("events"));
    private static final LakeSchema V1 =
            LakeSchema.of(LakeField.nullable("id", LakeType.INT), LakeField.nullable("name", LakeType.STRING));
    private static final LakeSchema V2 = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("name", LakeType.STRING),
            LakeField.nullable("email", LakeType.STRING));

    @TempDir
    Path tmp;

    JdbcCatalog jdbc;
    InMemoryCatalog memory;
    final List<String> jdbcFeed = new CopyOnWriteArrayList<>();
    final List<String> memoryFeed = new CopyOnWriteArrayList<>();
    final Random random = new Random(20261130L);
    int fileCounter;
    final List<String> hashes = new ArrayList<>();
    final List<String> paths = new ArrayList<>();
    final java.util.Set<String> seenOutcomes = new java.util.TreeSet<>();

    @BeforeEach
    void open() throws IOException {
        jdbc = JdbcCatalog.open(CatalogSettings.embedded(tmp.resolve("home")));
        memory = new InMemoryCatalog(Files.createDirectories(tmp.resolve("memory-lake")));
        jdbc.changes().subscribe(c -> jdbcFeed.add(feedLine(c)));
        memory.changes().subscribe(c -> memoryFeed.add(feedLine(c)));
    }

    @AfterEach
    void close() {
        jdbc.close();
        memory.close();
    }

    private static String feedLine(DatasetChange c) {
        return c.dataset() + " " + c.operation();
    }

    @Test
    void aRandomHistoryLooksTheSameThroughBothCatalogs() throws Exception {
        for (int step = 0; step < 120; step++) {
            DatasetName dataset = DATASETS.get(random.nextInt(DATASETS.size()));
            int kind = random.nextInt(100);
            String description;
            Function<Catalog, Object> operation;
            if (kind < 45) {
                CommitRequest append = append(dataset);
                description = "append to " + dataset;
                operation = c -> c.commit(append);
            } else if (kind < 55) {
                CommitRequest duplicate = duplicate(dataset);
                description = "append of bytes seen before to " + dataset;
                operation = c -> c.commit(duplicate);
            } else if (kind < 65) {
                CommitRequest replace = replace(dataset, true);
                description = "replace of a live file of " + dataset;
                operation = c -> c.commit(replace.removedFileIds().isEmpty() ? replace : rebind(c, replace));
            } else if (kind < 70) {
                CommitRequest stale = replace(dataset, false);
                description = "replace of a file that is not live in " + dataset;
                operation = c -> c.commit(stale);
            } else if (kind < 75) {
                CommitRequest again = recordedPath(dataset);
                description = "append naming a recorded path to " + dataset;
                operation = c -> c.commit(again);
            } else if (kind < 85) {
                AuditEntry entry = new AuditEntry("cli", "config.change", "config", "{\"step\":" + step + "}");
                description = "audit append";
                operation = c -> c.audit().append(entry).action();
            } else {
                description = "drop of " + dataset;
                operation = c -> c.drop(dataset, "cli").map(d -> (Object) d).orElse("nothing to drop");
            }
            Object fromJdbc = outcome(operation, jdbc);
            Object fromMemory = outcome(operation, memory);
            seenOutcomes.add(kindOf(fromJdbc));
            assertThat(fromMemory).as("step %d, %s", step, description).isEqualTo(fromJdbc);
            assertThat(observe(memory))
                    .as("step %d, after %s", step, description)
                    .isEqualTo(observe(jdbc));
        }
        // The sequence reached every kind of outcome, so the comparison above covered each.
        assertThat(seenOutcomes)
                .contains(
                        "APPEND",
                        "REPLACE",
                        "DroppedDataset",
                        "nothing to drop",
                        "config.change",
                        "DuplicateCommitException",
                        "CommitConflictException");
        assertThat(memoryFeed).isEqualTo(jdbcFeed);
        assertThat(memory.audit().verify().problems()).isEmpty();
        assertThat(jdbc.audit().verify().problems()).isEmpty();
    }

    private static String kindOf(Object outcome) {
        return switch (outcome) {
            case List<?> snapshot -> (String) snapshot.get(3);
            case io.lakehub.catalog.commit.DroppedDataset d -> "DroppedDataset";
            default -> outcome.toString();
        };
    }

    /** What a caller sees of an operation: its result with ids made comparable, or the exception's type. */
    private Object outcome(Function<Catalog, Object> operation, Catalog catalog) {
        try {
            Object result = operation.apply(catalog);
            return result instanceof Snapshot s ? snapshot(catalog, s) : result;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Everything the interface shows, ids replaced by their position in the history. */
    private Map<String, Object> observe(Catalog catalog) {
        Map<String, Object> seen = new HashMap<>();
        seen.put("datasets", catalog.datasets().stream().map(this::info).toList());
        for (DatasetName d : DATASETS) {
            String n = d.value();
            seen.put(
                    n + " snapshots",
                    catalog.snapshots(d).stream().map(s -> snapshot(catalog, s)).toList());
            seen.put(
                    n + " schemas",
                    catalog.schemaVersions(d).stream()
                            .map(SchemaVersion::schema)
                            .toList());
            seen.put(
                    n + " schema versions",
                    catalog.schemaVersions(d).stream()
                            .map(SchemaVersion::version)
                            .toList());
            seen.put(
                    n + " lineage",
                    catalog.lineage(d).stream()
                            .map(l -> List.of(l.sourceSystem(), l.sourceUri(), String.valueOf(l.contentHash())))
                            .toList());
            seen.put(
                    n + " live files",
                    catalog.liveFiles(d).stream()
                            .map(f -> List.of(f.relativePath(), f.rowCount(), f.sizeBytes()))
                            .toList());
            seen.put(n + " cursor", catalog.sourcePosition(d, "cursor"));
            seen.put(n + " table", catalog.sourcePosition(d, "table"));
            seen.put(n + " dataset", catalog.dataset(d).map(this::info));
            for (String hash : hashes) {
                seen.put(
                        n + " " + hash,
                        catalog.findByContentHash(d, hash)
                                .map(LineageRecord::sourceUri)
                                .orElse("none"));
            }
        }
        // Neither catalog promises an order for this map.
        seen.put("current", new TreeSet<>(catalog.currentSnapshotIds().keySet()));
        seen.put(
                "audit",
                catalog.audit().list(0, 10_000).stream()
                        .map(e -> List.of(e.actor(), e.action(), e.entity()))
                        .toList());
        seen.put(
                "last details",
                catalog.audit().latest(1).stream()
                        .map(AuditEvent::details)
                        .map(this::withoutIds)
                        .toList());
        seen.put("files on disk", filesOnDisk(catalog.lakeRoot()));
        return seen;
    }

    private List<Object> info(DatasetInfo i) {
        return List.of(i.name(), i.schema(), i.schemaVersion(), i.rowCount(), i.fileCount(), i.sizeBytes());
    }

    private List<Object> snapshot(Catalog catalog, Snapshot s) {
        List<Snapshot> history = catalog.snapshots(DatasetName.of(s.dataset())).reversed();
        int position = history.stream().map(Snapshot::id).toList().indexOf(s.id());
        int parent = s.parentId() == null
                ? -1
                : history.stream().map(Snapshot::id).toList().indexOf(s.parentId());
        return List.of(
                s.dataset(),
                position,
                parent,
                s.operation(),
                s.schemaVersion(),
                s.addedRows(),
                s.totalRows(),
                s.addedFiles(),
                s.actor(),
                s.properties());
    }

    /** Audit details name snapshot ids, which differ between the two (see the class comment). */
    private String withoutIds(String details) {
        return details.replaceAll("\"(snapshot|last_snapshot)\":\\d+", "\"$1\":#");
    }

    private static List<String> filesOnDisk(Path root) {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- requests (files in both lakes)

    private NewDataFile newFile(DatasetName dataset) throws IOException {
        String rel = dataset + "/part-" + ++fileCounter + ".parquet";
        byte[] bytes = new byte[8 + random.nextInt(64)];
        random.nextBytes(bytes);
        for (Path root : List.of(jdbc.lakeRoot(), memory.lakeRoot())) {
            Path file = root.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        paths.add(rel);
        return new NewDataFile(rel, 1 + random.nextInt(100), bytes.length, List.of());
    }

    private CommitRequest append(DatasetName dataset) throws IOException {
        String hash = "sha256:" + Long.toHexString(random.nextLong());
        hashes.add(hash);
        Map<String, String> properties = switch (random.nextInt(4)) {
            case 0 -> Map.of();
            case 1 -> Map.of("cursor", String.valueOf(random.nextInt(1000)));
            case 2 -> Map.of("cursor", "c" + random.nextInt(9), "table", "public." + dataset);
            default -> Map.of("step.pii-scan.emails", String.valueOf(random.nextInt(9)));
        };
        return new CommitRequest(
                dataset,
                CommitRequest.Operation.APPEND,
                random.nextBoolean() ? V1 : V2,
                List.of(),
                List.of(newFile(dataset)),
                List.of(),
                new Lineage("inbox", "file:///inbox/" + dataset + "/" + fileCounter + ".csv", null, hash),
                properties,
                "cli");
    }

    private CommitRequest duplicate(DatasetName dataset) throws IOException {
        String hash = hashes.isEmpty() ? "sha256:none" : hashes.get(random.nextInt(hashes.size()));
        return CommitRequest.append(
                dataset,
                V1,
                List.of(),
                List.of(newFile(dataset)),
                new Lineage("inbox", "file:///inbox/again.csv", null, hash),
                "cli");
    }

    /** A replace of one live file (chosen by position, so it names each catalog's own id), or of none. */
    private CommitRequest replace(DatasetName dataset, boolean live) throws IOException {
        List<DataFile> files = jdbc.liveFiles(dataset);
        List<Long> removed = live
                ? files.isEmpty() ? List.of() : List.of((long) -1 - random.nextInt(files.size()))
                : List.of(9_999_999L);
        return new CommitRequest(
                dataset,
                CommitRequest.Operation.REPLACE,
                V2,
                List.of(),
                List.of(newFile(dataset)),
                removed,
                new Lineage("compaction", "lake://" + dataset, null, null),
                Map.of(),
                "system");
    }

    /** Replaces the position placeholder (-1 - index) by the catalog's id of that live file. */
    private static CommitRequest rebind(Catalog catalog, CommitRequest r) {
        int index = (int) (-1 - r.removedFileIds().getFirst());
        long id = catalog.liveFiles(r.dataset()).get(index).id();
        return new CommitRequest(
                r.dataset(),
                r.operation(),
                r.schema(),
                r.schemaChanges(),
                r.added(),
                List.of(id),
                r.lineage(),
                r.properties(),
                r.actor());
    }

    private CommitRequest recordedPath(DatasetName dataset) throws IOException {
        if (paths.isEmpty()) {
            return append(dataset);
        }
        String rel = paths.get(random.nextInt(paths.size()));
        return CommitRequest.append(
                dataset,
                V1,
                List.of(),
                List.of(new NewDataFile(rel, 1, 1, List.of())),
                new Lineage("inbox", "file:///inbox/recorded.csv", null, null),
                "cli");
    }
}
