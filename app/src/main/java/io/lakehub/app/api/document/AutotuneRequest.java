package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/indexes/{name}/autotune} (all optional).
 *
 * @param evalset the evaluation set's id; the newest one of the index, or a generated one, when absent
 * @param trials how many trials at most (1 to 50; 8 when absent)
 * @param minRecall the objective "lowest p95 subject to recall ≥ this"; with neither this nor {@code maxP95Us}
 *     the configured objective ({@code lakehub.vector.autotune.min-recall} / {@code max-p95}) applies
 * @param seed the proposer's seed (42 when absent): same journal and seed, same trials
 * @param buildTime also try construction parameters (max degree, beam, overflow, alpha, hierarchy) on candidate
 *     graphs built in the background; a winner is promoted with its graph (ADR 0045)
 * @param maxP95Us the objective "highest recall subject to p95 ≤ this many microseconds" (not with {@code
 *     minRecall})
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AutotuneRequest(
        String evalset, Integer trials, Double minRecall, Long seed, Boolean buildTime, Long maxP95Us) {

    /** A run with the configured objective. */
    public static AutotuneRequest withTrials(Integer trials) {
        return new AutotuneRequest(null, trials, null, null, false, null);
    }
}
