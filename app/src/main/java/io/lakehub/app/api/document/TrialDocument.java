package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of the trial journal ({@code GET /api/indexes/{name}/trials}).
 *
 * @param seq the trial's number in the index's journal
 * @param evalset the evaluation set's id
 * @param parameters the parameters tried, e.g. {@code m=16,beam=100,overflow=1.2,alpha=1.2,hier=true;oq=5,exact=0.02}
 * @param kind search_time (on the live graph) or build_time (on a candidate graph)
 * @param status running, completed, failed or abandoned
 * @param recall mean recall@k (completed trials)
 * @param p50Us median search latency in microseconds
 * @param p95Us 95th percentile search latency in microseconds
 * @param buildMs candidate graph build time (0 for a search-time trial)
 * @param memoryBytes heap bytes of the graph and vectors searched
 * @param error why it failed or was abandoned
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrialDocument(
        long seq,
        String evalset,
        String parameters,
        String kind,
        String status,
        Integer k,
        Double recall,
        Long p50Us,
        Long p95Us,
        Long buildMs,
        Long memoryBytes,
        String error,
        String startedAt,
        String finishedAt) {}
