package io.lakehub.benchmarks;

import io.lakehub.processors.pii.ColumnClassification;
import io.lakehub.processors.pii.FileScan;
import io.lakehub.processors.pii.PiiType;
import io.lakehub.processors.pii.ScanOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Column-level precision and recall of the PII scan over the labelled corpus (issue 9; required:
 * precision at least 0.98, recall at least 0.95). Every {@code labels*.tsv} of the corpus lists
 * {@code file, column, expected type or -, note}; each file is scanned as {@code ./lakehub scan}
 * would ({@link FileScan}, default options) and every labelled column compared.
 *
 * <p>A column counts as a true positive when the scan reports the expected type; a reported type
 * that is not the expected one (including on a non-PII column) is a false positive of the reported
 * type, and a PII column not reported as its type is a false negative of its type. Mistakes are
 * listed by file and column, never with values.
 *
 * <pre>
 * bench/run PiiAccuracy [--corpus DIR]   (default processors/src/test/resources/pii-corpus)
 * </pre>
 */
public final class PiiAccuracy {

    /** One labelled column and what the scan made of it. */
    public record Outcome(
            String file, String column, PiiType expected, PiiType actual, double confidence, String note) {}

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of("processors/src/test/resources/pii-corpus");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--corpus") && i + 1 < args.length) {
                corpus = Path.of(args[++i]);
            } else {
                System.err.println("usage: bench/run PiiAccuracy [--corpus DIR]");
                System.exit(2);
            }
        }
        long start = System.nanoTime();
        List<Outcome> outcomes = run(corpus);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.print(report(outcomes));
        System.out.printf(
                Locale.ROOT, "%d labelled columns in %s, scanned in %.2f s%n", outcomes.size(), corpus, seconds);
    }

    /** Scans every labelled file of {@code corpus} and pairs each labelled column with its result. */
    public static List<Outcome> run(Path corpus) throws IOException {
        Map<String, Map<String, String[]>> labels = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.startsWith("labels") || !name.endsWith(".tsv")) {
                    continue;
                }
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] p = line.split("\t", -1);
                    labels.computeIfAbsent(p[0], k -> new LinkedHashMap<>()).put(p[1], p);
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String[]>> file : labels.entrySet()) {
            Path path = corpus.resolve(file.getKey());
            Map<String, ColumnClassification> result = new LinkedHashMap<>();
            for (ColumnClassification c :
                    FileScan.scan(path, ScanOptions.DEFAULTS).columns()) {
                result.put(c.column(), c);
            }
            for (String[] l : file.getValue().values()) {
                ColumnClassification c = result.get(l[1]);
                if (c == null) {
                    throw new IllegalStateException(
                            file.getKey() + ": labelled column '" + l[1] + "' is not in the file");
                }
                PiiType expected = l[2].equals("-") ? null : PiiType.valueOf(l[2]);
                out.add(new Outcome(file.getKey(), l[1], expected, c.pii(), c.confidence(), l.length > 3 ? l[3] : ""));
            }
        }
        return out;
    }

    /** Precision and recall (counts) of a list of outcomes: overall, then per type. */
    public record Score(long truePositives, long falsePositives, long falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    /** The overall score. */
    public static Score score(List<Outcome> outcomes) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (Outcome o : outcomes) {
            if (o.actual() != null && o.actual() == o.expected()) {
                tp++;
            } else {
                if (o.actual() != null) {
                    fp++;
                }
                if (o.expected() != null) {
                    fn++;
                }
            }
        }
        return new Score(tp, fp, fn);
    }

    /** The report printed by {@link #main}. */
    public static String report(List<Outcome> outcomes) {
        StringBuilder s = new StringBuilder();
        Score all = score(outcomes);
        long pii = outcomes.stream().filter(o -> o.expected() != null).count();
        s.append(String.format(
                Locale.ROOT,
                "PII scan accuracy: %d columns (%d PII, %d not PII)%n",
                outcomes.size(),
                pii,
                outcomes.size() - pii));
        s.append(String.format(
                Locale.ROOT,
                "overall   precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)%n",
                all.precision(),
                all.recall(),
                all.truePositives(),
                all.falsePositives(),
                all.falseNegatives()));
        Map<PiiType, long[]> per = new EnumMap<>(PiiType.class);
        for (PiiType t : PiiType.values()) {
            per.put(t, new long[3]);
        }
        for (Outcome o : outcomes) {
            if (o.actual() != null && o.actual() == o.expected()) {
                per.get(o.actual())[0]++;
            } else {
                if (o.actual() != null) {
                    per.get(o.actual())[1]++;
                }
                if (o.expected() != null) {
                    per.get(o.expected())[2]++;
                }
            }
        }
        s.append(String.format(
                Locale.ROOT, "%-15s %9s %7s %4s %4s %4s%n", "type", "precision", "recall", "tp", "fp", "fn"));
        for (Map.Entry<PiiType, long[]> e : per.entrySet()) {
            Score sc = new Score(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            s.append(String.format(
                    Locale.ROOT,
                    "%-15s %9.3f %7.3f %4d %4d %4d%n",
                    e.getKey(),
                    sc.precision(),
                    sc.recall(),
                    sc.truePositives(),
                    sc.falsePositives(),
                    sc.falseNegatives()));
        }
        List<Outcome> wrong =
                outcomes.stream().filter(o -> o.actual() != o.expected()).toList();
        s.append("mistakes: ").append(wrong.size()).append(System.lineSeparator());
        for (Outcome o : wrong) {
            s.append(String.format(
                    Locale.ROOT,
                    "  %s %s: expected %s, got %s (%.2f)  %s%n",
                    o.file(),
                    o.column(),
                    o.expected() == null ? "-" : o.expected(),
                    o.actual() == null ? "-" : o.actual(),
                    o.confidence(),
                    o.note()));
        }
        return s.toString();
    }
}
