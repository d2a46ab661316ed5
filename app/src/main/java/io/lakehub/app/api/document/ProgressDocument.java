package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.schedules.ProgressReport;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far work in progress on the hub has got ({@code progress} in {@code GET /api/jobs}, in a running
 * pipeline run's document and in {@code GET /api/ingests}): what a maintenance job reported, or how
 * far an ingest has read, with the rate and time left computed by the hub from the work's start.
 *
 * @param done items done so far
 * @param total items in all; null while unknown (the console shows an indeterminate bar)
 * @param unit what the items are: {@code datasets}, {@code files}, {@code rows}
 * @param rate items per second since the run started; null until some time has passed
 * @param etaSeconds seconds left at that rate; null without a total or a positive rate
 * @param rows for an ingest (a pipeline run's file or poll, an inbox file): rows read so far,
 *     whatever the unit; null for a maintenance job
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        description = "How far a run or ingest in progress on this hub has got: done of total (null while unknown)"
                + " in unit, the rate per second since it started, the seconds left at that rate, and for an"
                + " ingest the rows read so far.")
public record ProgressDocument(
        @Schema(description = "Items done so far.", example = "3")
        long done,

        @Schema(description = "Items in all; null while unknown.", nullable = true, example = "8")
        Long total,

        @Schema(description = "What the items are: datasets, files, rows, bytes.", example = "datasets")
        String unit,

        @Schema(description = "Items per second since the run started; null at first.", nullable = true)
        Double rate,

        @Schema(description = "Seconds left at that rate; null without a total or a positive rate.", nullable = true)
        Long etaSeconds,

        @Schema(
                description = "For an ingest: rows read so far, whatever the unit; null for a maintenance job.",
                nullable = true,
                example = "120000")
        Long rows) {

    public static ProgressDocument of(ProgressReport r) {
        return new ProgressDocument(r.done(), r.total(), r.unit(), r.rate(), r.etaSeconds(), null);
    }

    /**
     * Work that has done {@code done} of {@code total} (null while unknown) in {@code elapsed}: the
     * rate since it started and the time left at that rate.
     */
    public static ProgressDocument of(long done, Long total, String unit, java.time.Duration elapsed, Long rows) {
        long millis = elapsed.toMillis();
        Double rate = millis > 0 ? done * 1000.0 / millis : null;
        Long eta = null;
        if (total != null) {
            long left = Math.max(0, total - done);
            if (left == 0) {
                eta = 0L;
            } else if (rate != null && rate > 0) {
                eta = (long) Math.ceil(left / rate);
            }
        }
        return new ProgressDocument(done, total, unit, rate, eta, rows);
    }
}
