package io.lakehub.catalog.erasure;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Proves that no file still holds a value (ADR 0031): reads every file the catalog records for a
 * dataset and its companions ({@code <dataset>__*}), in every snapshot, old ones included, and every
 * other file in their folders (orphans), and looks for the value
 *
 * <ul>
 *   <li>in the decoded values of every column ({@code values}): a column's text equal to the value,
 *       or, for text columns, containing it (free text, the raw lines of rejects). Decoding is what
 *       makes the check honest: Parquet pages are compressed (zstd, snappy) and dictionary-encoded,
 *       so their bytes need not show the value even when the file holds it;
 *   <li>in the Parquet statistics of every row group ({@code statistics}: min/max in the footer);
 *   <li>in the file's raw bytes ({@code bytes}): catches what is stored uncompressed, e.g. the footer.
 *       Values shorter than {@link #MIN_RAW_BYTES} bytes are reported but do not count as found
 *       here: a short string such as {@code 42} occurs by chance in compressed data;
 *   <li>in the catalog's recorded statistics of each file.
 * </ul>
 *
 * With {@code keyColumn}, the decoded check of files that have that column looks at it alone.
 */
public final class ErasureVerifier {
    /** Raw byte hits of values shorter than this are not evidence. */
    public static final int MIN_RAW_BYTES = 6;

    private final Catalog catalog;

    public ErasureVerifier(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws ErasureRefusedException when the value is empty or the key column unknown
     */
    public ErasureVerification verify(DatasetName dataset, String value, String keyColumn) {
        if (value == null || value.isEmpty()) {
            throw new ErasureRefusedException("No value given to verify.");
        }
        List<String> datasets = new ArrayList<>();
        datasets.add(dataset.value());
        for (DatasetInfo d : catalog.datasets()) {
            if (d.name().startsWith(dataset.value() + "__")) {
                datasets.add(d.name());
            }
        }
        if (keyColumn != null && !keyColumn.isBlank()) {
            Optional<DatasetInfo> info = catalog.dataset(dataset);
            if (info.isPresent()
                    && info.get().schema().fields().stream()
                            .noneMatch(f -> f.name().equalsIgnoreCase(keyColumn))) {
                throw new ErasureRefusedException("Dataset '" + dataset + "' has no column '" + keyColumn + "'.");
            }
        }
        ErasureLedger ledger = catalog.erasures();
        Map<Path, ErasureLedger.KnownFile> known = new HashMap<>();
        int catalogStats = 0;
        for (ErasureLedger.KnownFile f : ledger.files(datasets)) {
            known.put(catalog.lakeRoot().resolve(f.relativePath()).normalize(), f);
            if (Erasures.quotesAny(f.statsJson(), List.of(value))) {
                catalogStats++;
            }
        }
        Set<Path> files = new LinkedHashSet<>(known.keySet());
        for (String name : datasets) {
            Path dir = catalog.lakeRoot().resolve(name);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).map(Path::normalize).forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not list the folder " + dir + " to verify the erasure", e);
                }
            }
        }
        int pending = 0;
        for (PendingErasure p : catalog.pendingErasures()) {
            if (p.covers(dataset.value()) && p.values().contains(value)) {
                pending++;
            }
        }
        List<ErasureVerification.Finding> findings = new ArrayList<>();
        int scanned = 0;
        byte[] needle = value.getBytes(StandardCharsets.UTF_8);
        try (Connection duck = DuckFiles.open()) {
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                scanned++;
                List<String> where = new ArrayList<>();
                scan(duck, file, value, keyColumn, where);
                if (contains(file, needle)) {
                    where.add(needle.length >= MIN_RAW_BYTES ? "bytes" : "bytes (short value, not evidence)");
                }
                boolean evidence = where.stream().anyMatch(w -> !w.startsWith("bytes (") && !w.equals("unreadable"));
                if (evidence) {
                    findings.add(new ErasureVerification.Finding(
                            catalog.lakeRoot().relativize(file).toString().replace('\\', '/'),
                            known.containsKey(file),
                            List.copyOf(where)));
                }
            }
        } catch (SQLException e) {
            throw new ErasureRefusedException("Could not open DuckDB to verify the erasure: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not read a file of dataset '" + dataset + "' to verify the erasure", e);
        }
        boolean erased = findings.isEmpty() && catalogStats == 0 && pending == 0;
        return new ErasureVerification(
                dataset.value(), List.copyOf(datasets), scanned, List.copyOf(findings), catalogStats, pending, erased);
    }

    private static void scan(Connection duck, Path file, String value, String keyColumn, List<String> where) {
        List<String[]> columns;
        try {
            columns = DuckFiles.columns(duck, file);
        } catch (SQLException notParquet) {
            where.add("unreadable");
            return;
        }
        try {
            String v = ErasureMatch.literal(value);
            List<String> tests = new ArrayList<>();
            boolean restrict = keyColumn != null
                    && !keyColumn.isBlank()
                    && columns.stream().anyMatch(c -> c[0].equalsIgnoreCase(keyColumn));
            for (String[] c : columns) {
                if (restrict && !c[0].equalsIgnoreCase(keyColumn)) {
                    continue;
                }
                String text = "CAST(t." + ErasureMatch.identifier(c[0]) + " AS VARCHAR)";
                boolean isText = c[1].toUpperCase(java.util.Locale.ROOT).startsWith("VARCHAR")
                        || c[1].toUpperCase(java.util.Locale.ROOT).equals("JSON");
                tests.add(isText ? "contains(" + text + ", " + v + ")" : text + " = " + v);
            }
            if (!tests.isEmpty()
                    && DuckFiles.count(
                                    duck,
                                    "SELECT count(*) FROM " + DuckFiles.read(file) + " AS t WHERE "
                                            + String.join(" OR ", tests))
                            > 0) {
                where.add("values");
            }
            // Equality for short values (a 2-digit number is "contained" in many bounds), containment for others.
            StringBuilder statsTest = new StringBuilder();
            for (String stat : List.of("stats_min", "stats_max", "stats_min_value", "stats_max_value")) {
                String col = "CAST(" + stat + " AS VARCHAR)";
                statsTest.append(statsTest.length() == 0 ? "" : " OR ");
                statsTest.append(
                        value.getBytes(StandardCharsets.UTF_8).length >= MIN_RAW_BYTES
                                ? "contains(" + col + ", " + v + ")"
                                : col + " = " + v);
            }
            String meta = "SELECT count(*) FROM parquet_metadata(" + ErasureMatch.literal(file.toString()) + ") WHERE "
                    + statsTest;
            if (DuckFiles.count(duck, meta) > 0) {
                where.add("statistics");
            }
        } catch (SQLException e) {
            where.add("unreadable");
        }
    }

    /** Whether the file's bytes hold {@code needle}; reads 1 MiB at a time, so any file size works. */
    static boolean contains(Path file, byte[] needle) throws IOException {
        int keep = needle.length - 1;
        byte[] buffer = new byte[(1 << 20) + keep];
        int carried = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            while (true) {
                int read = in.readNBytes(buffer, carried, buffer.length - carried);
                int filled = carried + read;
                if (contains(buffer, filled, needle)) {
                    return true;
                }
                if (read == 0 || filled < buffer.length) {
                    return false;
                }
                carried = Math.min(keep, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
        }
    }

    static boolean contains(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
