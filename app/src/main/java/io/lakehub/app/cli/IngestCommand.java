package io.lakehub.app.cli;

import io.lakehub.app.api.document.IngestApiRequest;
import io.lakehub.app.api.document.IngestOutcome;
import io.lakehub.app.hub.HubApi;
import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.read.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub ingest PATH --dataset NAME [--format F] [--on-bad-rows P] [--max-bad-rows L]}: one
 * file into one dataset. Prints one line: the dataset, the snapshot and the rows (with the bad rows
 * and where they went, if any), that the same bytes were ingested before, or that the file had no
 * rows (exit 0: an empty file is not an error).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Ingest one file into a dataset.")
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "PATH", description = "The file to ingest.")
    Path path;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Dataset to ingest into.")
    String dataset;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "csv, json, ndjson, parquet or text (default: detected from the name, then the content).")
    Format format;

    @Option(
            names = "--widen-to-string",
            description = "Widen a column to string instead of refusing data of an incompatible type.")
    boolean widenToString;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "append",
            description = "append (default) or upsert: rows replace earlier rows with the same --key.")
    String mode;

    @Option(
            names = "--key",
            split = ",",
            paramLabel = "COLUMN",
            description = "The key column(s) of an upsert, comma-separated.")
    java.util.List<String> key;

    @Option(
            names = "--on-bad-rows",
            paramLabel = "POLICY",
            description = "fail, skip or rejects (kept in <dataset>__rejects): what to do with rows that cannot be"
                    + " read (default: the dataset's setting, else rejects).")
    String onBadRows;

    @Option(
            names = "--max-bad-rows",
            paramLabel = "LIMIT",
            description = "The most bad rows the file may have, a percentage (1%) or a number of rows (100);"
                    + " more refuses the file (default: the dataset's setting, else 1%).")
    String maxBadRows;

    @Option(
            names = "--charset",
            paramLabel = "NAME",
            description = "The charset of a CSV or text file, e.g. windows-1252 (default: BOM, UTF-8, else detected).")
    String charset;

    @Override
    public Integer call() {
        DatasetName.of(dataset);
        Path file = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IngestRefusedException(
                    file + ": no such file (or not a regular file). Nothing was written.", null);
        }
        IngestOutcome outcome;
        try (HubApi hub = root.connector().connect(root.properties(), true);
                ProgressBar.Display progress = ProgressBar.fileReadBy(root.err(), dataset, file, hub.processId())) {
            outcome = hub.ingest(new IngestApiRequest(
                    file.toString(),
                    dataset,
                    format == null ? null : format.displayName(),
                    widenToString,
                    mode,
                    key,
                    onBadRows,
                    maxBadRows,
                    charset));
        }
        if (outcome.duplicate()) {
            root.out().println(outcome.dataset() + ": already ingested (snapshot " + outcome.snapshotId() + ")");
        } else {
            // Schema changes are left to `lakehub dataset`: on a first ingest every column is one.
            root.out()
                    .println(outcome.dataset() + ": "
                            + (outcome.snapshotId() > 0 ? "snapshot " + outcome.snapshotId() + ", " : "")
                            + outcome.rows() + " " + (outcome.rows() == 1 ? "row" : "rows") + badRows(outcome)
                            + (outcome.note() == null ? "" : " (" + outcome.note() + ")"));
        }
        return 0;
    }

    /** {@code , 1 bad row in orders__rejects} or {@code , 3 bad rows skipped}; empty when none. */
    private static String badRows(IngestOutcome outcome) {
        if (outcome.badRows() == 0) {
            return "";
        }
        String rows = outcome.badRows() + " bad " + (outcome.badRows() == 1 ? "row" : "rows");
        return ", " + rows + (outcome.rejectsDataset() == null ? " skipped" : " in " + outcome.rejectsDataset());
    }

    /** Makes an unknown format a usage error naming the accepted ones. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
