package io.lakehub.schedules;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * What the scheduler should know about one pipeline. Every configured pipeline gets a spec, even
 * one without a cron: it can still be run on demand, and it is listed by {@link
 * PipelineScheduler#describe()}.
 *
 * @param pipelineId the pipeline's id ({@code [a-z][a-z0-9_-]{0,62}}, the same rule as the
 *     pipeline configuration)
 * @param cron a Quartz cron expression, or {@code null} for a pipeline that only runs on demand
 * @param timezone the zone the cron is read in; {@code null} means the JVM's default zone
 * @param misfire what to do about missed fire times; {@code null} means {@link
 *     MisfirePolicy#FIRE_ONCE_NOW}
 */
public record ScheduleSpec(String pipelineId, String cron, ZoneId timezone, MisfirePolicy misfire) {

    /** Pipeline ids appear in URLs, Quartz job names and the run history. */
    public static final Pattern PIPELINE_ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public ScheduleSpec {
        Objects.requireNonNull(pipelineId, "pipelineId");
        if (!PIPELINE_ID.matcher(pipelineId).matches()) {
            throw new IllegalArgumentException("Invalid pipeline id '" + pipelineId
                    + "': a pipeline id is a lower-case letter followed by up to 62 lower-case letters, digits,"
                    + " '_' or '-'.");
        }
        if (cron != null) {
            try {
                new CronExpression(cron);
            } catch (ParseException e) {
                throw new IllegalArgumentException(
                        "Pipeline " + pipelineId + ": '" + cron + "' is not a valid Quartz cron expression ("
                                + e.getMessage() + ")",
                        e);
            }
        }
        timezone = timezone == null ? ZoneId.systemDefault() : timezone;
        misfire = misfire == null ? MisfirePolicy.FIRE_ONCE_NOW : misfire;
    }

    /** A pipeline that runs only on demand (manual, webhook or file triggers). */
    public static ScheduleSpec unscheduled(String pipelineId) {
        return new ScheduleSpec(pipelineId, null, null, null);
    }

    public static ScheduleSpec cron(String pipelineId, String cron) {
        return new ScheduleSpec(pipelineId, cron, null, null);
    }

    public boolean isScheduled() {
        return cron != null;
    }
}
