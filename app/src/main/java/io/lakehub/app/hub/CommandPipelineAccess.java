package io.lakehub.app.hub;

import io.lakehub.app.api.document.RunAccepted;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.api.document.ScheduleDocument;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.pipelines.OneShotRun;
import io.lakehub.app.pipelines.PipelineConfigFile;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.routes.jdbc.SourcePositions;
import io.lakehub.schedules.PipelineRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The pipelines for a CLI command on a home no hub holds: schedules and the run history are read
 * from the catalog database after syncing the schedules with the configuration, as the hub would at
 * start-up; a run happens here, on the calling thread, with the same single-flight claim and run
 * history as the hub's ({@link OneShotRun}).
 */
public final class CommandPipelineAccess implements PipelineAccess {
    private final LakehubProperties properties;
    private final Supplier<IngestService> ingestService;
    /** Committed source positions: a database poller run here continues where the last commit ended. */
    private final SourcePositions positions;
    /** Runs this command executed, so that asking for one does not open the scheduler again. */
    private final Map<Long, RunDocument> finished = new ConcurrentHashMap<>();

    public CommandPipelineAccess(
            LakehubProperties properties, Supplier<IngestService> ingestService, SourcePositions positions) {
        this.positions = positions;
        this.properties = properties;
        this.ingestService = ingestService;
    }

    @Override
    public List<ScheduleDocument> schedules() {
        return withPipelines(pipelines ->
                pipelines.schedules().stream().map(ScheduleDocument::of).toList());
    }

    @Override
    public RunAccepted runNow(String pipelineId) {
        PipelineRun run = OneShotRun.run(
                properties, PipelineConfigFile.load(properties), ingestService.get(), positions, pipelineId);
        finished.put(run.id(), RunDocument.of(run));
        return RunAccepted.of(run);
    }

    @Override
    public Optional<RunDocument> run(long runId) {
        RunDocument known = finished.get(runId);
        if (known != null) {
            return Optional.of(known);
        }
        return withPipelines(pipelines -> pipelines.run(runId).map(RunDocument::of));
    }

    /** The scheduler over the catalog database, synced with the configuration, for one question. */
    private <T> T withPipelines(Function<HubPipelines, T> question) {
        try (DefaultCamelContext camel = new DefaultCamelContext();
                HubPipelines pipelines = new HubPipelines(properties, PipelineConfigFile.load(properties), camel)) {
            return question.apply(pipelines);
        } catch (IOException e) {
            // Only closing the command's own Camel context can throw this; the answer is complete.
            throw new UncheckedIOException("Could not close the command's Camel context: " + e.getMessage(), e);
        }
    }
}
