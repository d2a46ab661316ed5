package io.lakehub.app.cli;

import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub schedules}: every pipeline with its cron, zone, pause state, next fire and last
 * run. Through the running hub when one holds the home; otherwise read from the catalog database
 * after syncing the schedules with the configuration, as the hub would at start-up.
 */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        description = "List the pipelines with their schedules and last runs.")
final class SchedulesCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() throws Exception {
        List<ScheduleDocument> schedules;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            schedules = hub.schedules();
        }
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(io.lakehub.app.api.document.Json.write(schedules));
            return 0;
        }
        if (schedules.isEmpty()) {
            out.println("(no pipelines)");
            return 0;
        }
        TextTable table = new TextTable(
                        "pipeline", "cron", "timezone", "state", "next fire", "last run", "status", "rows")
                .rightAlign(7);
        for (ScheduleDocument s : schedules) {
            RunDocument last = s.lastRun();
            table.add(
                    s.pipeline(),
                    Cells.orDash(s.cron()),
                    Cells.orDash(s.timezone()),
                    s.cron() == null ? "on demand" : s.paused() ? "paused" : "active",
                    s.nextFireTimes().isEmpty() ? "-" : s.nextFireTimes().get(0),
                    last == null ? "-" : last.startedAt() + " (" + last.trigger() + ")",
                    last == null ? "-" : last.status(),
                    last == null ? "-" : Long.toString(last.rows()));
        }
        table.print(out);
        return 0;
    }
}
