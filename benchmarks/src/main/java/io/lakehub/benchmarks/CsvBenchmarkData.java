package io.lakehub.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Random;

/**
 * Generates the benchmark CSV deterministically (seeded): 11 mixed columns, about 200 bytes a row,
 * with nulls and with quoted fields holding commas, doubled quotes and newlines, like an export
 * from a CRM or a shop system. The same parameters always produce the same bytes, so a file left
 * in the work directory by an earlier run is reused.
 *
 * <pre>
 * id INT, account BIGINT, amount DOUBLE (2 decimals, 2% null), ratio DOUBLE (some with exponent),
 * active BOOLEAN, signup_date DATE, event_time TIMESTAMP (ISO-8601, some with fraction or offset),
 * country STRING (2 letters), city STRING (short, some non-ASCII), quantity INT (5% null),
 * notes STRING (~110 chars; 3% null, 10% quoted with commas, quotes and newlines)
 * </pre>
 */
public final class CsvBenchmarkData {
    static final String HEADER = "id,account,amount,ratio,active,signup_date,event_time,country,city,quantity,notes";

    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "SE", "PL", "ES", "IT", "JP", "BR", "IN"};
    private static final String[] CITIES = {
        "Berlin", "Paris", "New York", "London", "Amsterdam", "Malmö", "Kraków", "Sevilla", "Milano", "Tōkyō",
        "São Paulo", "Mumbai", "Zürich", "Wien", "Köln", "Lyon", "Boston", "Leeds", "Utrecht", "Göteborg"
    };
    private static final String[] WORDS = {
        "order", "delivered", "customer", "asked", "for", "invoice", "refund", "pending", "shipment", "delayed",
        "warehouse", "north", "priority", "express", "return", "label", "printed", "called", "back", "twice",
        "payment", "received", "partial", "credit", "note", "issued", "address", "changed", "contact", "email"
    };

    private CsvBenchmarkData() {}

    /** Writes {@code rows} rows to {@code target} (through a temp file), unless it already exists. */
    public static Path ensure(Path target, long rows, long seed) throws IOException {
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 20)) {
            write(w, rows, seed);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    static void write(Appendable out, long rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(512);
        long epochDay2015 = LocalDate.of(2015, 1, 1).toEpochDay();
        out.append(HEADER).append('\n');
        for (long i = 1; i <= rows; i++) {
            sb.setLength(0);
            sb.append(i).append(',');
            sb.append(1_000_000_000_000L + (r.nextLong() & 0xFF_FFFF_FFFFL)).append(',');
            if (r.nextInt(50) != 0) {
                long cents = r.nextInt(10_000_000);
                sb.append(cents / 100)
                        .append('.')
                        .append((char) ('0' + cents / 10 % 10))
                        .append((char) ('0' + cents % 10));
            }
            sb.append(',');
            if (r.nextInt(10) == 0) {
                sb.append(r.nextInt(1, 10))
                        .append('.')
                        .append(r.nextInt(1000, 10_000))
                        .append("e-")
                        .append(r.nextInt(3, 9));
            } else {
                sb.append(r.nextInt(0, 100)).append('.').append(r.nextInt(100_000, 1_000_000));
            }
            sb.append(',');
            sb.append(r.nextBoolean() ? "true" : "false").append(',');
            sb.append(LocalDate.ofEpochDay(epochDay2015 + r.nextInt(3650))).append(',');
            appendTimestamp(sb, r, epochDay2015);
            sb.append(',');
            sb.append(COUNTRIES[r.nextInt(COUNTRIES.length)]).append(',');
            sb.append(CITIES[r.nextInt(CITIES.length)]).append(',');
            if (r.nextInt(20) != 0) {
                sb.append(r.nextInt(1, 500));
            }
            sb.append(',');
            appendNotes(sb, r);
            sb.append('\n');
            out.append(sb);
        }
    }

    private static void appendTimestamp(StringBuilder sb, Random r, long epochDay2015) {
        sb.append(LocalDate.ofEpochDay(epochDay2015 + r.nextInt(3650))).append('T');
        two(sb, r.nextInt(24)).append(':');
        two(sb, r.nextInt(60)).append(':');
        two(sb, r.nextInt(60));
        int kind = r.nextInt(4);
        if (kind == 0) {
            sb.append('.').append(r.nextInt(100_000, 1_000_000)).append('Z');
        } else if (kind == 1) {
            sb.append("+02:00");
        } else {
            sb.append('Z');
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void appendNotes(StringBuilder sb, Random r) {
        int kind = r.nextInt(100);
        if (kind < 3) {
            return;
        }
        boolean quoted = kind < 13;
        if (quoted) {
            sb.append('"');
        }
        int words = 12 + r.nextInt(8);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(quoted && w % 5 == 0 ? ", " : " ");
            }
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        }
        if (quoted) {
            if (kind < 6) {
                sb.append("\n(see \"\"ticket\"\" ").append(r.nextInt(100_000)).append(')');
            }
            sb.append('"');
        }
    }
}
