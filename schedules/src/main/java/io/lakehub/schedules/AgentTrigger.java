package io.lakehub.schedules;

import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * One trigger of an agent job ({@link PipelineScheduler#syncAgents}): either a Quartz cron
 * expression read in a zone, or a fixed period. A missed fire (every hub down, or the job's
 * previous fire still running) is skipped: agents act on what they find at the next fire.
 *
 * @param name what the trigger is for, e.g. {@code cron} or {@code growth}: handed to the agent
 *     with every fire ({@code [a-z][a-z0-9_-]{0,30}})
 * @param cron a Quartz cron expression (seconds first), or {@code null} for a periodic trigger
 * @param zone the zone the cron is read in; {@code null} means UTC
 * @param every the period of a periodic trigger (at least 1 s: every fire is a transaction in the
 *     catalog database), or {@code null} for a cron trigger
 */
public record AgentTrigger(String name, String cron, ZoneId zone, Duration every) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,30}");

    /** The shortest period of a periodic trigger. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);

    public AgentTrigger {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid agent trigger name '" + name + "'");
        }
        if ((cron == null) == (every == null)) {
            throw new IllegalArgumentException("Agent trigger " + name + " needs either a cron or a period");
        }
        if (cron != null) {
            try {
                new CronExpression(cron);
            } catch (ParseException e) {
                throw new IllegalArgumentException(
                        "'" + cron + "' is not a valid Quartz cron expression (" + e.getMessage() + ")", e);
            }
        }
        if (every != null && every.compareTo(MIN_PERIOD) < 0) {
            every = MIN_PERIOD;
        }
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    /** A trigger on a Quartz cron expression read in UTC. */
    public static AgentTrigger cron(String name, String cron) {
        return new AgentTrigger(name, cron, null, null);
    }

    /** A trigger every {@code period} (raised to {@link #MIN_PERIOD}), the first one when it is scheduled. */
    public static AgentTrigger every(String name, Duration period) {
        return new AgentTrigger(name, null, null, Objects.requireNonNull(period, "period"));
    }
}
