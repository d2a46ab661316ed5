package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An autotune run as {@code GET /api/jobs/{id}} shows it (and {@code GET /api/index-jobs} lists it).
 *
 * @param id the run's job id
 * @param type always {@code index-autotune} (the field the run's document had first; kept for its clients)
 * @param kind always {@code index-autotune}, as {@code kind} names every item of {@code GET /api/index-jobs}
 * @param index the index it tunes
 * @param evalset the evaluation set it measures with (null until chosen)
 * @param status queued, running, succeeded or failed
 * @param done trials run so far
 * @param total the most trials it may run (a run may end sooner: {@code reason} says why)
 * @param rate trials per second since it started (0 until one is done)
 * @param etaSeconds estimated seconds left if it runs all {@code total} trials at that rate; 0 once finished,
 *     null while unknown
 * @param trials the journal seq of each trial it ran
 * @param promoted the promotions it made (their seq in the promotion history)
 * @param champion the parameters in force when it ended
 * @param reason why it stopped early (budget, grid exhausted) or null
 * @param startedAt when it started (ISO-8601), or null while queued
 * @param finishedAt when it finished (ISO-8601), or null
 * @param elapsedMs how long it has run, in milliseconds
 * @param error why it failed, or null
 * @param objective what "better" meant for this run, e.g. "minimize p95 subject to recall ≥ 0.950"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AutotuneJobDocument(
        String id,
        String type,
        String kind,
        String index,
        String evalset,
        String status,
        int done,
        int total,
        double rate,
        Double etaSeconds,
        List<Long> trials,
        List<Long> promoted,
        String champion,
        String reason,
        String startedAt,
        String finishedAt,
        Long elapsedMs,
        String error,
        String objective) {}
