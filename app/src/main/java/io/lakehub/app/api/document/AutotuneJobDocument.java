package io.lakehub.app.api.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An autotune run as {@code GET /api/jobs/{id}} shows it.
 *
 * @param type always {@code index-autotune}
 * @param status queued, running, succeeded or failed
 * @param done trials run so far
 * @param total the most trials it may run
 * @param trials the journal seq of each trial it ran
 * @param promoted the promotions it made (their seq in the promotion history)
 * @param champion the parameters in force when it ended
 * @param reason why it stopped early (budget, grid exhausted) or null
 * @param objective what "better" meant for this run, e.g. "minimize p95 subject to recall ≥ 0.950"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AutotuneJobDocument(
        String id,
        String type,
        String index,
        String evalset,
        String status,
        int done,
        int total,
        List<Long> trials,
        List<Long> promoted,
        String champion,
        String reason,
        String startedAt,
        String finishedAt,
        Long elapsedMs,
        String error,
        String objective) {}
