package io.lakehub.app.cli;

import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.app.api.document.DatasetDetail;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.LineageDocument;
import io.lakehub.app.api.document.SchemaVersionDocument;
import io.lakehub.app.api.document.SnapshotDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehub dataset NAME}: the schema, schema versions, snapshots and lineage of one dataset. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Show one dataset: schema, schema versions, snapshots, lineage.")
final class DatasetCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() {
        DatasetDetail d;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            d = hub.dataset(name);
        }
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(Json.write(d));
            return 0;
        }
        out.println("Dataset " + d.name() + ": " + d.rowCount() + " rows in " + d.fileCount() + " files ("
                + Cells.bytes(d.sizeBytes()) + "), snapshot " + Cells.orDash(d.currentSnapshot()) + ", schema v"
                + d.schemaVersion() + ", updated " + Cells.orDash(d.updatedAt())
                + (d.key() == null || d.key().isEmpty() ? "" : ", upsert by key " + String.join(", ", d.key())));

        out.println();
        out.println("Columns");
        // The PII scan's stored result per column (docs/pii.md, "In the catalog"); "-" where none.
        TextTable columns = new TextTable(
                        "column", "type", "nullable", "pii", "confidence", "sampled", "match ratio", "policy")
                .rightAlign(4, 5, 6);
        for (DatasetColumn c : d.columns()) {
            boolean scanned = c.pii() != null;
            columns.add(
                    c.name(),
                    c.type(),
                    c.nullable() ? "yes" : "no",
                    !scanned || c.pii().equals("none") ? "-" : c.pii(),
                    c.confidence() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", c.confidence()),
                    c.sampled() == null ? "-" : Long.toString(c.sampled()),
                    c.matchRatio() == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", c.matchRatio()),
                    !scanned ? "-" : c.piiAction() == null ? "flag" : c.piiAction());
        }
        columns.print(out);

        out.println();
        out.println("Schema versions");
        TextTable versions = new TextTable("version", "created", "changes").rightAlign(0);
        for (SchemaVersionDocument v : d.schemaVersions()) {
            versions.add(
                    Integer.toString(v.version()),
                    Cells.orDash(v.createdAt()),
                    v.changes().isEmpty() ? "-" : String.join("; ", v.changes()));
        }
        versions.print(out);

        out.println();
        out.println("Snapshots (newest first)");
        TextTable snapshots = new TextTable(
                        "snapshot",
                        "parent",
                        "operation",
                        "schema",
                        "added rows",
                        "inserted",
                        "updated",
                        "deleted",
                        "total rows",
                        "files",
                        "committed",
                        "actor")
                .rightAlign(0, 1, 3, 4, 5, 6, 7, 8, 9);
        for (SnapshotDocument s : d.snapshots()) {
            snapshots.add(
                    Long.toString(s.id()),
                    Cells.orDash(s.parentId()),
                    s.operation(),
                    "v" + s.schemaVersion(),
                    Long.toString(s.addedRows()),
                    Long.toString(s.insertedRows()),
                    Long.toString(s.updatedRows()),
                    Long.toString(s.deletedRows()),
                    Long.toString(s.totalRows()),
                    Integer.toString(s.addedFiles()),
                    Cells.orDash(s.committedAt()),
                    Cells.orDash(s.actor()));
        }
        snapshots.print(out);

        out.println();
        out.println("Lineage (newest first)");
        TextTable lineage = new TextTable(
                        "snapshot", "time", "source", "uri", "pipeline", "rows", "content hash", "read")
                .rightAlign(0, 5);
        for (LineageDocument l : d.lineage()) {
            lineage.add(
                    Long.toString(l.snapshotId()),
                    Cells.orDash(l.time()),
                    Cells.orDash(l.sourceSystem()),
                    Cells.table(l.sourceUri()),
                    Cells.orDash(l.pipeline()),
                    Long.toString(l.rowCount()),
                    Cells.orDash(l.contentHash()),
                    l.read().isEmpty() ? "-" : Cells.table(readFacts(l.read())));
        }
        lineage.print(out);
        return 0;
    }

    /** {@code charset=UTF-8 linesSkipped=2 ...}: the reader's facts on one line. */
    private static String readFacts(java.util.Map<String, String> read) {
        StringBuilder sb = new StringBuilder();
        read.forEach((k, v) ->
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
