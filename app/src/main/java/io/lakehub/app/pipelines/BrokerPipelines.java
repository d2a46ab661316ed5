package io.lakehub.app.pipelines;

import io.lakehub.app.brokers.MessageBatchReader;
import io.lakehub.catalog.commit.DuplicateIdempotencyKeyException;
import io.lakehub.catalog.commit.IdempotencyKeys;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.routes.brokers.MessageSources;
import io.lakehub.routes.component.LakehubConstants;
import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.PipelineScheduler;
import io.lakehub.schedules.RunOutcome;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * How the hub runs the pipelines of issue 8's "message brokers" part (ADR 0026): a batch of broker
 * messages as one run and one commit, the message ids committed with it, HTTP polling as a
 * scheduled run that fetches a URL, and what the configuration may not ask of them.
 */
final class BrokerPipelines {
    private BrokerPipelines() {}

    /** A pipeline whose source is an {@code http:}/{@code https:} URL, fetched once per run. */
    static boolean isHttpPolling(PipelineDefinition p) {
        String scheme = p.from().scheme().toLowerCase(Locale.ROOT);
        return p.jdbcSource().isEmpty() && (scheme.equals("http") || scheme.equals("https"));
    }

    /**
     * Broker sources are always on (a schedule would only drain what a consumer holds, and these
     * consumers are push-based); an HTTP URL is fetched per run, so it needs a schedule; options
     * that acknowledge before the commit are refused.
     */
    static List<ConfigProblem> problems(PipelineConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.pipelines().size(); i++) {
            PipelineDefinition p = config.pipelines().get(i);
            String path = "lakehub.pipelines[" + i + "]";
            if (MessageSources.isMessageSource(p.from())) {
                if (p.isScheduled()) {
                    problems.add(PipelineChecks.at(
                            p,
                            path + ".schedule",
                            "a message broker source (" + p.from().scheme() + ") is always on: its messages are"
                                    + " committed in batches as they arrive; remove schedule (pipeline " + p.id()
                                    + "). Nothing was started."));
                }
                MessageSources.problem(p.from())
                        .ifPresent(reason -> problems.add(PipelineChecks.at(
                                p, path + ".from", reason + " (pipeline " + p.id() + "). Nothing was started.")));
            } else if (isHttpPolling(p) && !p.isScheduled()) {
                problems.add(PipelineChecks.at(
                        p,
                        path + ".schedule",
                        "an http(s) source is fetched once per run: give it a schedule (e.g. \"0 */5 * * * ?\")"
                                + " (pipeline " + p.id() + "). Nothing was started."));
            }
        }
        return problems;
    }

    /**
     * One batch of messages as one run of the pipeline (trigger FILE: its consumer endpoint) and
     * one commit: spooled as NDJSON, read without a content hash, the message ids remembered as
     * idempotency keys in the same transaction.
     *
     * @return the snapshot holding the batch
     * @throws IngestRefusedException when the ingest refused the batch; nothing was written
     * @throws DuplicateIdempotencyKeyException a message id was committed meanwhile; nothing was written
     * @throws IllegalStateException when the batch could not be committed now (another run holds
     *     the pipeline, the catalog failed); nothing was written
     */
    static long commitBatch(
            PipelineDefinition p,
            List<byte[]> messages,
            IdempotencyKeys keys,
            PipelineScheduler scheduler,
            ProducerTemplate producer,
            String lakehubUri,
            Path spool) {
        Path file;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, "messages-" + p.id() + "-", ".ndjson");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot spool a batch of pipeline " + p.id() + " in " + spool + ": " + e.getMessage(), e);
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                for (byte[] body : messages) {
                    int end = body.length;
                    while (end > 0 && (body[end - 1] == '\n' || body[end - 1] == '\r')) {
                        end--;
                    }
                    out.write(body, 0, end);
                    out.write('\n');
                }
            }
            MessageBatchReader reader = new MessageBatchReader(file, p.from().display());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong snapshot = new AtomicLong();
            PipelineRun run = scheduler.runExclusively(p.id(), TriggerKind.FILE, () -> {
                Exchange done = producer.send(lakehubUri, e -> {
                    e.getMessage().setBody(reader);
                    e.getMessage()
                            .setHeader(LakehubConstants.SOURCE_URI, p.from().display());
                    if (keys != null) {
                        // The message ids, remembered in the commit's own transaction (ADR 0023).
                        e.getMessage().setHeader(LakehubConstants.IDEMPOTENCY_KEYS, keys);
                    }
                });
                Optional<String> why = HubPipelines.failure(done);
                if (why.isPresent()) {
                    failure.set(done.getException());
                    return RunOutcome.failed(
                            0, why.get() + " (a batch of " + messages.size() + " message(s); none was written)");
                }
                Long id = done.getMessage().getHeader(LakehubConstants.SNAPSHOT_ID, Long.class);
                Long rows = done.getMessage().getHeader(LakehubConstants.ROWS, Long.class);
                snapshot.set(id == null ? 0 : id);
                return new RunOutcome(
                        RunStatus.SUCCEEDED,
                        rows == null ? 0 : rows,
                        null,
                        messages.size() + " message(s) in one commit (snapshot " + snapshot.get() + ")");
            });
            if (run.status() == RunStatus.SKIPPED) {
                throw new IllegalStateException(
                        "another run of pipeline " + p.id() + " is in progress (" + run.error() + ")");
            }
            if (run.status() != RunStatus.SUCCEEDED) {
                for (Throwable c = failure.get(); c != null; c = c.getCause() == c ? null : c.getCause()) {
                    if (c instanceof IngestRefusedException refused) {
                        throw refused;
                    }
                    if (c instanceof DuplicateIdempotencyKeyException duplicate) {
                        throw duplicate;
                    }
                }
                throw new IllegalStateException(run.error(), failure.get());
            }
            return snapshot.get();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot spool a batch of pipeline " + p.id() + " in " + spool + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the orphan sweep of the spool folder
            }
        }
    }

    /**
     * HTTP polling: one GET of the pipeline's URL per run; the response body is ingested like a
     * file (format from {@code format:} or detected), so an unchanged response is a duplicate of
     * the last one and writes nothing.
     */
    static RunOutcome pollHttp(PipelineDefinition p, ProducerTemplate producer, String ingestUri) {
        Exchange response =
                producer.send(p.from().resolved(), e -> e.getMessage().setHeader(Exchange.HTTP_METHOD, "GET"));
        Throwable e = response.getException();
        if (e != null) {
            String why = e instanceof HttpOperationFailedException h
                    ? "HTTP status " + h.getStatusCode()
                    : e.getClass().getSimpleName();
            return RunOutcome.failed(0, "GET " + p.from().display() + " failed: " + why + "; nothing was written");
        }
        byte[] body = response.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            return new RunOutcome(RunStatus.SUCCEEDED, 0, null, "the response was empty");
        }
        Exchange ingest = producer.send(ingestUri, x -> {
            x.getMessage().setBody(body);
            x.getMessage().setHeader(LakehubConstants.SOURCE_URI, p.from().display());
        });
        Optional<String> failure = HubPipelines.failure(ingest);
        if (failure.isPresent()) {
            return RunOutcome.failed(0, failure.get());
        }
        Long rows = ingest.getMessage().getHeader(LakehubConstants.ROWS, Long.class);
        String outcome = ingest.getMessage().getHeader(LakehubConstants.OUTCOME, String.class);
        return new RunOutcome(
                RunStatus.SUCCEEDED,
                rows == null ? 0 : rows,
                null,
                "DUPLICATE".equals(outcome) ? "the response was the same as one committed before; nothing new" : null);
    }
}
