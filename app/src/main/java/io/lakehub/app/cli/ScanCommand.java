package io.lakehub.app.cli;

import io.lakehub.app.api.document.Json;
import io.lakehub.app.text.TextTable;
import io.lakehub.processors.pii.ColumnClassification;
import io.lakehub.processors.pii.FileScan;
import io.lakehub.processors.pii.ScanOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub scan PATH [--format text|json] [--sample N]}: classifies the columns of a file as
 * PII or not (issue 9, ADR 28) without ingesting it. Runs locally with the hub's own readers (any
 * file {@code ingest} takes), needs no hub and writes nothing anywhere. Prints a table, or {@code
 * {"columns":[{"name":...,"pii":"EMAIL"|null,"confidence":0.97,"sampled":N,"matches":M,"matchRatio":R}]}}.
 * Never prints a value of the file.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Classify the columns of a file as PII (email, phone, SSN, card...) without ingesting it.")
final class ScanCommand implements Callable<Integer> {

    /** Output of {@code scan}. */
    enum ScanFormat {
        text,
        json
    }

    /** The JSON document {@code scan --format json} prints. */
    public record ScanDocument(List<ScanColumn> columns) {}

    /** One column of {@link ScanDocument}; {@code pii} is null for a column without PII. */
    public record ScanColumn(
            String name, String pii, double confidence, long sampled, long matches, double matchRatio) {
        static ScanColumn of(ColumnClassification c) {
            return new ScanColumn(
                    c.column(),
                    c.pii() == null ? null : c.pii().name(),
                    c.confidence(),
                    c.sampled(),
                    c.matches(),
                    Math.round(c.matchRatio() * 1000) / 1000.0);
        }
    }

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "PATH", description = "The file to scan (CSV, JSON, NDJSON, Parquet, text).")
    Path path;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text (default): a table; json: {\"columns\":[{\"name\",\"pii\",\"confidence\",...}]}.")
    ScanFormat format = ScanFormat.text;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "Values examined per column (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int sample;

    @Override
    public Integer call() {
        Path file = path.toAbsolutePath().normalize();
        PrintWriter err = root.err();
        if (!Files.isRegularFile(file)) {
            err.println("lakehub: " + file + ": no such file (or not a regular file).");
            err.flush();
            return LakehubCommand.REFUSED;
        }
        if (!Files.isReadable(file)) {
            err.println("lakehub: " + file + ": not readable (permission denied).");
            err.flush();
            return LakehubCommand.REFUSED;
        }
        if (sample < 1) {
            err.println("lakehub: --sample must be at least 1, not " + sample + ".");
            err.flush();
            return LakehubCommand.USAGE;
        }
        FileScan.Result result;
        try {
            result = FileScan.scan(file, ScanOptions.DEFAULTS.withSampleSize(sample));
        } catch (RuntimeException e) {
            // The readers' messages name the file, line and column, never a value.
            err.println("lakehub: " + file + ": cannot be scanned: " + LakehubCommand.messageOf(e));
            err.flush();
            return LakehubCommand.REFUSED;
        }
        List<ScanColumn> columns = result.columns().stream().map(ScanColumn::of).toList();
        PrintWriter out = root.out();
        if (format == ScanFormat.json) {
            out.println(Json.write(new ScanDocument(columns)));
        } else {
            TextTable table = new TextTable("column", "pii", "confidence", "sampled", "matches", "match ratio")
                    .rightAlign(2, 3, 4, 5);
            for (ScanColumn c : columns) {
                table.add(
                        c.name(),
                        c.pii() == null ? "-" : c.pii(),
                        String.format(Locale.ROOT, "%.2f", c.confidence()),
                        Long.toString(c.sampled()),
                        Long.toString(c.matches()),
                        String.format(Locale.ROOT, "%.3f", c.matchRatio()));
            }
            table.print(out);
            long pii = columns.stream().filter(c -> c.pii() != null).count();
            out.println(pii + " of " + columns.size() + (columns.size() == 1 ? " column" : " columns") + " hold PII ("
                    + result.rowsRead() + " rows read"
                    + (result.badRows() > 0 ? ", " + result.badRows() + " unreadable rows skipped" : "")
                    + "). Nothing was written.");
        }
        out.flush();
        return 0;
    }
}
