package io.lakehub.app.cli;

import io.lakehub.app.api.document.AuditEventDocument;
import io.lakehub.app.api.document.AuditPage;
import io.lakehub.app.api.document.AuditVerification;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub audit [--after SEQ] [--limit N]}: the newest journal events (or those after
 * {@code SEQ}); {@code --verify}: checks every hash and link, exit 0 when intact, 1 listing the
 * problems otherwise.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show the audit journal, or verify it with --verify.")
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Option(names = "--verify", description = "Check the whole journal's hash chain instead of listing events.")
    boolean verify;

    @Option(
            names = "--after",
            paramLabel = "SEQ",
            description = "List the events after this sequence number, oldest first.")
    Long after;

    @Option(
            names = "--limit",
            defaultValue = "20",
            paramLabel = "N",
            description = "How many events to list (1 to 1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() {
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            return verify ? verify(hub) : list(hub);
        }
    }

    private int verify(HubApi hub) {
        AuditVerification v = hub.verifyAudit();
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(Json.write(v));
        } else if (v.intact()) {
            out.println("audit journal intact: " + v.eventsChecked() + " events");
        } else {
            out.println("audit journal NOT intact: " + v.problems().size() + " problem(s) in " + v.eventsChecked()
                    + " events");
            v.problems().forEach(p -> out.println("  " + p));
        }
        return v.intact() ? 0 : LakehubCommand.REFUSED;
    }

    private int list(HubApi hub) {
        AuditPage page = hub.audit(after, limit);
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(Json.write(page));
            return 0;
        }
        if (page.events().isEmpty()) {
            out.println("(no events)");
            return 0;
        }
        TextTable table = new TextTable("seq", "time", "actor", "action", "entity", "details").rightAlign(0);
        for (AuditEventDocument e : page.events()) {
            table.add(
                    Long.toString(e.seq()),
                    Cells.orDash(e.time()),
                    Cells.orDash(e.actor()),
                    Cells.orDash(e.action()),
                    Cells.orDash(e.entity()),
                    e.details() == null ? "-" : Cells.table(Json.write(e.details())));
        }
        table.print(out);
        return 0;
    }
}
