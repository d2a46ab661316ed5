package io.lakehub.app.cli;

import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.api.document.RunDocument;
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
 * {@code lakehub jobs}: every job, pipelines and maintenance jobs, with kind, schedule, state, next
 * fire and last run. Through the running hub when one holds the home; otherwise read from the
 * catalog database after syncing the schedules, as the hub would at start-up.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List the jobs (pipelines and maintenance jobs) with their schedules and last runs.")
final class JobsCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
    DocumentFormat format;

    @Override
    public Integer call() {
        List<JobDocument> jobs;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            jobs = hub.jobs();
        }
        PrintWriter out = root.out();
        if (format == DocumentFormat.json) {
            out.println(Json.write(jobs));
            return 0;
        }
        if (jobs.isEmpty()) {
            out.println("(no jobs)");
            return 0;
        }
        TextTable table =
                new TextTable("job", "kind", "schedule", "state", "next fire", "last run", "status", "result");
        for (JobDocument job : jobs) {
            RunDocument last = job.lastRun();
            table.add(
                    job.id(),
                    job.kind(),
                    Cells.orDash(job.schedule()),
                    job.state(),
                    Cells.orDash(job.nextFire()),
                    last == null ? "-" : last.startedAt() + " (" + last.trigger() + ")",
                    last == null ? "-" : last.status(),
                    last == null ? "-" : Cells.table(summary(last)));
        }
        table.print(out);
        return 0;
    }

    /** What the run did, in a few words: the job's own result, the error, or the rows of a pipeline run. */
    static String summary(RunDocument run) {
        if (run.error() != null) {
            return run.error();
        }
        if (run.result() != null) {
            return run.result();
        }
        return run.rows() + " row(s)";
    }
}
