package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.ProgressReport;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far a job's run in progress has got ({@code progress} in {@code GET /api/jobs}): what the
 * job reported, with the rate and time left computed by the hub from the run's start.
 *
 * @param done items done so far
 * @param total items in all; null while unknown (the console shows an indeterminate bar)
 * @param unit what the items are: {@code datasets}, {@code files}, {@code rows}
 * @param rate items per second since the run started; null until some time has passed
 * @param etaSeconds seconds left at that rate; null without a total or a positive rate
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        description = "How far a job's run in progress on this hub has got: done of total (null while unknown)"
                + " in unit, the rate per second since the run started and the seconds left at that rate.")
public record ProgressDocument(
        @Schema(description = "Items done so far.", example = "3")
        long done,

        @Schema(description = "Items in all; null while unknown.", nullable = true, example = "8")
        Long total,

        @Schema(description = "What the items are: datasets, files, rows.", example = "datasets")
        String unit,

        @Schema(description = "Items per second since the run started; null at first.", nullable = true)
        Double rate,

        @Schema(description = "Seconds left at that rate; null without a total or a positive rate.", nullable = true)
        Long etaSeconds) {

    public static ProgressDocument of(ProgressReport r) {
        return new ProgressDocument(r.done(), r.total(), r.unit(), r.rate(), r.etaSeconds());
    }
}
