package io.lakehub.schedules.pipeline;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.governance.PiiConfig;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.schedules.MisfirePolicy;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated entry of {@code lakehub.pipelines}. Its {@link #toString()} is safe to log: the
 * secret prints as {@code ***} and URIs as written in the file, credentials masked.
 *
 * @param id unique pipeline id, {@code [a-z][a-z0-9_-]{0,62}}; used in URLs and the run history
 * @param from the Camel endpoint the pipeline reads from
 * @param format source format; {@code null} when not given (detected per file from its name)
 * @param into the dataset written to
 * @param mode append or upsert
 * @param key key columns (required for upsert, allowed with append); empty when none
 * @param schedule Quartz cron expression; {@code null} when the pipeline is not scheduled
 * @param timezone zone of the cron; {@code null} when not given (the hub's default zone)
 * @param misfire what to do about missed fire times
 * @param triggerSecret secret of the webhook trigger; {@code null} when the webhook is disabled
 * @param onError retries, backoff and dead letter endpoint
 * @param steps the processor steps, in order; empty when none
 * @param jdbc the database poller of a {@code from: jdbc} pipeline; {@code null} for any other source
 * @param badRows {@code on_bad_rows} and {@code max_bad_rows}; parts not given are unset ({@link
 *     BadRowPolicy#UNSET} when neither is)
 * @param origin where the pipeline is declared, {@code <file>:<line>}, for messages
 * @param cdc the change data capture of a {@code from: cdc} pipeline; {@code null} for any other source
 * @param webhookSourceSecret the secret of a {@code from: webhook} pipeline's HTTP source ({@code
 *     webhook.secret}); {@code null} for any other source
 * @param pii the {@code pii:} block (scan and policies, docs/pii.md); {@link PiiConfig#DEFAULT} when
 *     not given
 * @param embed the vector indexes of {@code embed:}, refreshed after each of the pipeline's commits;
 *     empty when none
 */
public record PipelineDefinition(
        String id,
        EndpointUri from,
        Format format,
        DatasetName into,
        WriteMode mode,
        List<String> key,
        String schedule,
        ZoneId timezone,
        MisfirePolicy misfire,
        Secret triggerSecret,
        OnError onError,
        List<StepConfig> steps,
        JdbcSourceSpec jdbc,
        BadRowPolicy badRows,
        String origin,
        CdcSourceSpec cdc,
        Secret webhookSourceSecret,
        PiiConfig pii,
        List<EmbedConfig> embed) {

    public PipelineDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(into, "into");
        Objects.requireNonNull(mode, "mode");
        key = List.copyOf(key);
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(onError, "onError");
        steps = List.copyOf(steps);
        badRows = badRows == null ? BadRowPolicy.UNSET : badRows;
        pii = pii == null ? PiiConfig.DEFAULT : pii;
        embed = embed == null ? List.of() : List.copyOf(embed);
        if (mode == WriteMode.UPSERT && key.isEmpty()) {
            throw new IllegalArgumentException("Pipeline " + id + ": mode upsert needs a key");
        }
    }

    /** A pipeline without {@code embed:}. */
    public PipelineDefinition(
            String id,
            EndpointUri from,
            Format format,
            DatasetName into,
            WriteMode mode,
            List<String> key,
            String schedule,
            ZoneId timezone,
            MisfirePolicy misfire,
            Secret triggerSecret,
            OnError onError,
            List<StepConfig> steps,
            JdbcSourceSpec jdbc,
            BadRowPolicy badRows,
            String origin,
            CdcSourceSpec cdc,
            Secret webhookSourceSecret,
            PiiConfig pii) {
        this(
                id,
                from,
                format,
                into,
                mode,
                key,
                schedule,
                timezone,
                misfire,
                triggerSecret,
                onError,
                steps,
                jdbc,
                badRows,
                origin,
                cdc,
                webhookSourceSecret,
                pii,
                List.of());
    }

    /** A pipeline of any source but change data capture and webhooks. */
    public PipelineDefinition(
            String id,
            EndpointUri from,
            Format format,
            DatasetName into,
            WriteMode mode,
            List<String> key,
            String schedule,
            ZoneId timezone,
            MisfirePolicy misfire,
            Secret triggerSecret,
            OnError onError,
            List<StepConfig> steps,
            JdbcSourceSpec jdbc,
            BadRowPolicy badRows,
            String origin) {
        this(
                id,
                from,
                format,
                into,
                mode,
                key,
                schedule,
                timezone,
                misfire,
                triggerSecret,
                onError,
                steps,
                jdbc,
                badRows,
                origin,
                null,
                null,
                null,
                List.of());
    }

    /** The change data capture of a {@code from: cdc} pipeline. */
    public Optional<CdcSourceSpec> cdcSource() {
        return Optional.ofNullable(cdc);
    }

    /**
     * Whether this is a {@code from: webhook} pipeline: events POSTed to {@code /api/webhooks/{id}}
     * land in its dataset (no Camel consumer, no schedule).
     */
    public boolean isWebhookSource() {
        return webhookSourceSecret != null;
    }

    /** The database poller of a {@code from: jdbc} pipeline. */
    public Optional<JdbcSourceSpec> jdbcSource() {
        return Optional.ofNullable(jdbc);
    }

    public Optional<Format> formatIfGiven() {
        return Optional.ofNullable(format);
    }

    public Optional<String> cron() {
        return Optional.ofNullable(schedule);
    }

    public Optional<ZoneId> zone() {
        return Optional.ofNullable(timezone);
    }

    public boolean isScheduled() {
        return schedule != null;
    }

    /** Whether {@code POST /api/pipelines/{id}/trigger} is enabled for this pipeline. */
    public boolean webhookEnabled() {
        return triggerSecret != null;
    }

    public Optional<Secret> webhookSecret() {
        return Optional.ofNullable(triggerSecret);
    }
}
