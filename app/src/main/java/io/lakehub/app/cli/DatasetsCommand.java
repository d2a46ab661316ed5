package io.lakehub.app.cli;

import io.lakehub.app.api.document.DatasetSummary;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lakehub datasets}: every dataset with its current snapshot, size and last update. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List the datasets.")
final class DatasetsCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() {
        List<DatasetSummary> datasets;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            datasets = hub.datasets();
        }
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(Json.write(datasets));
            return 0;
        }
        if (datasets.isEmpty()) {
            out.println("(no datasets yet)");
            return 0;
        }
        TextTable table = new TextTable("dataset", "schema", "snapshot", "rows", "files", "size", "updated")
                .rightAlign(1, 2, 3, 4, 5);
        for (DatasetSummary d : datasets) {
            table.add(
                    d.name(),
                    "v" + d.schemaVersion(),
                    Cells.orDash(d.currentSnapshot()),
                    Long.toString(d.rowCount()),
                    Long.toString(d.fileCount()),
                    Cells.bytes(d.sizeBytes()),
                    Cells.orDash(d.updatedAt()));
        }
        table.print(out);
        return 0;
    }
}
