package io.lakehub.app.cli;

import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehub job run ID}: one run of a job now, waiting for its end; the exit code is its status. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = "Work with one job (a maintenance job such as orphan-sweep, or a pipeline).",
        subcommands = {JobCommand.Run.class})
final class JobCommand implements Callable<Integer> {

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
     * Runs the job once and exits with its status (0 succeeded, 1 failed or skipped). Through the
     * hub when one holds the home (the run happens there), else here, under the same single-flight
     * claim and into the same run history.
     */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a job once now; exit 0 if it succeeded.")
    static final class Run implements Callable<Integer> {

        @ParentCommand
        JobCommand parent;

        @Parameters(paramLabel = "ID", description = "The job's id, as './lakehub jobs' lists it.")
        String id;

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                description =
                        "pipeline or maintenance; needed only when a pipeline and a maintenance job" + " share the id.")
        String kind;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            RunDocument run;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                run = hub.runJob(id, kind);
            }
            PrintWriter out = root.out();
            out.println("run " + run.id() + " of " + run.kind() + " job " + run.job() + ": " + run.status()
                    + (run.result() == null ? "" : " (" + run.result() + ")") + ", started " + run.startedAt()
                    + ", ended " + Cells.orDash(run.endedAt()));
            if (run.error() != null) {
                root.err().println("lakehub: " + LakehubCommand.oneLine(run.error()));
            }
            return "succeeded".equals(run.status()) ? 0 : LakehubCommand.REFUSED;
        }
    }
}
