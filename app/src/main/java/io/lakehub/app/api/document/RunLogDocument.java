package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /api/runs/{id}/log}: the hub's log lines of one run, oldest first.
 *
 * @param kept whether this hub kept the run's lines: false for a run another hub executed, one from
 *     before this hub started, or one old enough to be forgotten (the hub keeps the newest runs)
 * @param dropped earlier lines of the run that were dropped to keep the newest ones
 * @param lines each with {@code time} (ISO-8601), {@code level}, {@code logger} (class name) and
 *     {@code message} (an exception as its class and message, no stack trace)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunLogDocument(long runId, boolean kept, long dropped, List<RunLogLine> lines) {

    /** One log line of a run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunLogLine(String time, String level, String logger, String message) {}
}
