package io.lakehub.app.cli;

import io.lakehub.app.api.document.IngestDocument;
import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehub pipeline run ID}: one run now, waiting for its end; the exit code is its status. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Work with one pipeline.",
        subcommands = {PipelineCommand.Run.class})
final class PipelineCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return LakehubCommand.USAGE;
    }

    /**
     * Runs the pipeline once and exits with its status (0 succeeded, 1 failed or skipped), so an
     * outside cron can drive it. Through the hub when one holds the home (the run happens there),
     * else here, with the same single-flight claim and run history.
     */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Run a pipeline once now; exit 0 if it succeeded.")
    static final class Run implements Callable<Integer> {
        private static final Duration POLL = Duration.ofMillis(250);

        @ParentCommand
        PipelineCommand parent;

        @Parameters(paramLabel = "ID", description = "The pipeline's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            LakehubCommand root = parent.root;
            RunDocument run;
            AtomicReference<RunDocument> polled = new AtomicReference<>();
            try (HubApi hub = root.connector().connect(root.properties(), true);
                    ProgressBar.Display progress =
                            ProgressBar.of(root.err(), "pipeline " + id, () -> progressOf(hub, polled.get()))) {
                // Through a hub the run happens there in the background; on a free home it has ended here.
                RunAccepted accepted = hub.runPipeline(id);
                run = hub.run(accepted.runId());
                polled.set(run);
                while (run.endedAt() == null && "running".equals(run.status())) {
                    Thread.sleep(POLL.toMillis());
                    run = hub.run(accepted.runId());
                    polled.set(run);
                }
            }
            PrintWriter out = root.out();
            out.println("run " + run.id() + " of " + run.pipeline() + ": " + run.status() + ", " + run.rows()
                    + " row(s), started " + run.startedAt() + ", ended " + Cells.orDash(run.endedAt()));
            if (run.error() != null) {
                root.err().println("lakehub: " + LakehubCommand.oneLine(run.error()));
            }
            return "succeeded".equals(run.status()) ? 0 : LakehubCommand.REFUSED;
        }

        /**
         * How far the run has got: what the hub said in the last poll of the run, or, before the
         * first poll (a run on a free home happens in this command before the answer), the progress
         * of the pipeline's ingest in progress in the process doing the work.
         */
        private Optional<ProgressDocument> progressOf(HubApi hub, RunDocument polled) {
            if (polled != null) {
                return Optional.ofNullable(polled.progress());
            }
            return hub.ingests().stream()
                    .filter(i -> id.equals(i.pipeline()))
                    .findFirst()
                    .map(IngestDocument::progress);
        }
    }
}
