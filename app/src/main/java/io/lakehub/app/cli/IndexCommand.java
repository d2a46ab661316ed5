package io.lakehub.app.cli;

import io.lakehub.app.api.document.IndexDocument;
import io.lakehub.app.api.document.IndexRequest;
import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.app.api.document.VectorJobDocument;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.Cells;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub index create|refresh|list}: vector indexes over datasets (ADR 0038). Through the hub
 * when one holds the home, else here on the free home.
 */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = "Create, refresh and list vector indexes over datasets.",
        subcommands = {
            IndexCommand.Create.class,
            IndexCommand.Refresh.class,
            IndexCommand.ListIndexes.class,
            IndexCommand.Trials.class
        })
final class IndexCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(100);

    @ParentCommand
    LakehubCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return LakehubCommand.USAGE;
    }

    /** Registers an index (empty until its first refresh). */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a vector index over a dataset.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        IndexCommand parent;

        @Parameters(paramLabel = "NAME", description = "The index's name (like a dataset name).")
        String name;

        @Option(names = "--dataset", required = true, paramLabel = "D", description = "The dataset to index.")
        String dataset;

        @Option(names = "--id-column", required = true, paramLabel = "X", description = "The column identifying rows.")
        String idColumn;

        @Option(names = "--text-column", required = true, paramLabel = "Y", description = "The column to embed.")
        String textColumn;

        @Option(
                names = "--refresh",
                paramLabel = "POLICY",
                description = "manual (the default), on-commit (refreshed after every commit to the dataset) or"
                        + " cron:<Quartz cron expression> (seconds first, UTC).")
        String refresh;

        @Option(names = "--chunk-size", paramLabel = "N", description = "The longest chunk, in characters.")
        Integer chunkSize;

        @Option(names = "--chunk-overlap", paramLabel = "N", description = "Characters repeated between chunks.")
        Integer chunkOverlap;

        @Option(names = "--max-degree", paramLabel = "N", description = "Graph: maximum neighbours per node (32).")
        Integer maxDegree;

        @Option(names = "--beam-width", paramLabel = "N", description = "Graph: candidates kept while building (100).")
        Integer beamWidth;

        @Option(
                names = "--neighbor-overflow",
                paramLabel = "F",
                description = "Graph: neighbour list overflow before pruning, ≥ 1.0 (1.2).")
        Double neighborOverflow;

        @Option(names = "--alpha", paramLabel = "F", description = "Graph: pruning diversity factor, > 0 (1.2).")
        Double alpha;

        @Option(
                names = "--hierarchy",
                paramLabel = "BOOL",
                arity = "1",
                description = "Graph: hierarchy layers, true or false (true).")
        Boolean hierarchy;

        @Option(
                names = "--overquery",
                paramLabel = "N",
                description = "Search: candidates per search as a multiple of k, ≥ 1 (5).")
        Integer overquery;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            IndexDocument created;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                created = hub.createIndex(new IndexRequest(
                        name,
                        dataset,
                        idColumn,
                        textColumn,
                        chunkSize,
                        chunkOverlap,
                        refresh,
                        maxDegree,
                        beamWidth,
                        neighborOverflow,
                        alpha,
                        hierarchy,
                        overquery));
            }
            root.out()
                    .println("index " + created.name() + " over " + created.dataset() + " (" + created.keyColumn()
                            + " -> " + created.textColumn() + "), " + created.model() + " " + created.modelVersion()
                            + " " + created.dimensions() + "-d, refresh " + created.refresh()
                            + "; fill it with: lakehub index refresh " + created.name());
            return 0;
        }
    }

    /** Refreshes the index, with a progress bar, and waits for the end; exit 0 if it succeeded. */
    @Command(
            name = "refresh",
            mixinStandardHelpOptions = true,
            description = "Bring a vector index in step with its dataset; exit 0 if it succeeded.")
    static final class Refresh implements Callable<Integer> {
        @ParentCommand
        IndexCommand parent;

        @Parameters(paramLabel = "NAME", description = "The index.")
        String name;

        @Override
        public Integer call() throws Exception {
            LakehubCommand root = parent.root;
            AtomicReference<VectorJobDocument> polled = new AtomicReference<>();
            VectorJobDocument job;
            try (HubApi hub = root.connector().connect(root.properties(), false);
                    ProgressBar.Display progress =
                            ProgressBar.of(root.err(), "index " + name, () -> progressOf(polled.get()))) {
                String id = hub.refreshIndex(name);
                job = hub.vectorJob(id);
                polled.set(job);
                while ("queued".equals(job.status()) || "running".equals(job.status())) {
                    Thread.sleep(POLL.toMillis());
                    job = hub.vectorJob(id);
                    polled.set(job);
                }
            }
            PrintWriter out = root.out();
            if ("succeeded".equals(job.status())) {
                out.println(
                        Boolean.TRUE.equals(job.upToDate())
                                ? "index " + name + " is up to date (" + job.rows() + " row(s)); nothing to do"
                                : "index " + name + " refreshed: " + job.rows() + " row(s), " + job.addedRows()
                                        + " added, "
                                        + job.changedRows() + " changed, " + job.removedRows() + " removed, "
                                        + job.embeddedChunks() + " chunk(s) embedded");
                return 0;
            }
            root.err()
                    .println("lakehub: refresh of index " + name + " failed, the previous index keeps serving: "
                            + LakehubCommand.oneLine(String.valueOf(job.error())));
            return LakehubCommand.REFUSED;
        }

        private static Optional<ProgressDocument> progressOf(VectorJobDocument job) {
            if (job == null || job.total() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new ProgressDocument(
                    job.done(),
                    job.total(),
                    "chunks",
                    job.rate(),
                    job.etaSeconds() == null ? null : Math.round(job.etaSeconds()),
                    null));
        }
    }

    /** The indexes as a table. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the vector indexes.")
    static final class ListIndexes implements Callable<Integer> {
        @ParentCommand
        IndexCommand parent;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            List<IndexDocument> indexes;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                indexes = hub.indexes();
            }
            TextTable table = new TextTable(
                    List.of(
                            "name",
                            "dataset",
                            "key",
                            "text",
                            "model",
                            "rows",
                            "chunks",
                            "refresh",
                            "refreshed",
                            "last used"),
                    new boolean[] {false, false, false, false, false, true, true, false, false, false});
            for (IndexDocument i : indexes) {
                table.add(List.of(
                        i.name(),
                        i.dataset(),
                        i.keyColumn(),
                        i.textColumn(),
                        i.model() + " " + i.dimensions() + "-d",
                        Long.toString(i.rowCount()),
                        Long.toString(i.chunkCount()),
                        i.refresh(),
                        Cells.orDash(i.refreshedAt()),
                        Cells.orDash(i.lastUsed())));
            }
            table.print(root.out());
            root.out().println("(" + indexes.size() + (indexes.size() == 1 ? " index" : " indexes") + ")");
            return 0;
        }
    }

    /** The trial journal of one index as a table (ADR 0041). */
    @Command(
            name = "trials",
            mixinStandardHelpOptions = true,
            description = "Show the autotune trial journal of a vector index, oldest first.")
    static final class Trials implements Callable<Integer> {
        @ParentCommand
        IndexCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The index.")
        String name;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            List<io.lakehub.app.api.document.TrialDocument> trials;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                trials = hub.indexTrials(name);
            }
            TextTable table = new TextTable(
                    List.of("seq", "evalset", "kind", "status", "recall", "p50 µs", "p95 µs", "build ms", "parameters"),
                    new boolean[] {true, false, false, false, true, true, true, true, false});
            for (io.lakehub.app.api.document.TrialDocument t : trials) {
                table.add(List.of(
                        Long.toString(t.seq()),
                        t.evalset(),
                        t.kind(),
                        t.status(),
                        t.recall() == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", t.recall()),
                        t.p50Us() == null ? "-" : Long.toString(t.p50Us()),
                        t.p95Us() == null ? "-" : Long.toString(t.p95Us()),
                        t.buildMs() == null ? "-" : Long.toString(t.buildMs()),
                        t.parameters()));
            }
            table.print(root.out());
            root.out().println("(" + trials.size() + (trials.size() == 1 ? " trial" : " trials") + ")");
            return 0;
        }
    }
}
