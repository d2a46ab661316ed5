package io.lakehub.app.cli;

import io.lakehub.app.api.document.ErasureApiRequest;
import io.lakehub.app.api.document.ErasureDocument;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.hub.HubApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub erase DATASET --key-column C VALUE...}: erases rows by value (ADR 0031). Through
 * the running hub when one holds the home (answers once the rows are invisible; the rewrite goes on
 * there), else here, rewriting the files before it returns. Values on a command line are visible to
 * other users of the machine ({@code ps}); {@code --values-file} reads them from a file instead.
 */
@Command(
        name = "erase",
        mixinStandardHelpOptions = true,
        description = "Erase the rows whose key column holds one of the values, from every snapshot and from the"
                + " <dataset>__* companions (GDPR/CCPA). Needs LAKEHUB_PII_HASH_KEY.")
final class EraseCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset.")
    String dataset;

    @Parameters(index = "1..*", paramLabel = "VALUE", description = "The values (text; a number as written).")
    List<String> values = new ArrayList<>();

    @Option(names = "--key-column", required = true, paramLabel = "C", description = "The column to match.")
    String keyColumn;

    @Option(names = "--reason", paramLabel = "R", description = "Why (recorded; no personal data here).")
    String reason;

    @Option(
            names = "--values-file",
            paramLabel = "FILE",
            description = "Read more values from FILE, one per line (keeps them out of the process list).")
    Path valuesFile;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(values);
        if (valuesFile != null) {
            for (String line : Files.readAllLines(valuesFile, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    all.add(line);
                }
            }
        }
        ErasureDocument e;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            e = hub.erase(dataset, new ErasureApiRequest(keyColumn, all, reason));
        }
        print(root.out(), e, format);
        return 0;
    }

    static void print(PrintWriter out, ErasureDocument e, DocumentFormat format) {
        if (format == DocumentFormat.json) {
            out.println(Json.write(e));
            return;
        }
        out.println("erasure " + e.id() + " on " + e.dataset() + " (" + e.keyColumn() + ", " + e.values()
                + " value(s)): " + e.state() + "; " + (e.rowsHidden() == null ? "?" : e.rowsHidden())
                + " row(s) hidden, " + e.rowsRemoved()
                + " row(s) removed from " + e.filesRewritten() + " file(s); datasets "
                + String.join(", ", e.datasets()));
        if (e.lastError() != null) {
            out.println("last error: " + e.lastError());
        }
    }
}
