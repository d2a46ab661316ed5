package io.lakehub.schedules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which job a schedule or run belongs to: its kind and its id. Ids are unique within a kind; a
 * pipeline and a maintenance job may share one (they are told apart by kind everywhere).
 *
 * @param kind pipeline or maintenance
 * @param id {@code [a-z][a-z0-9_-]{0,62}}: ids appear in URLs, Quartz job names and the run history
 */
public record JobId(JobKind kind, String id) {

    /** The rule every job id follows, pipelines' included. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    public JobId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Invalid " + label(kind) + " id '" + id + "': an id is a lower-case"
                    + " letter followed by up to 62 lower-case letters, digits, '_' or '-'.");
        }
    }

    public static JobId pipeline(String id) {
        return new JobId(JobKind.PIPELINE, id);
    }

    public static JobId maintenance(String id) {
        return new JobId(JobKind.MAINTENANCE, id);
    }

    /**
     * The value of the run history's single-flight claim column: the bare id for pipelines (as
     * before maintenance jobs existed), {@code maintenance:<id>} for maintenance jobs. A colon never
     * occurs in an id, so the two kinds never collide.
     */
    String claim() {
        return kind == JobKind.PIPELINE ? id : "maintenance:" + id;
    }

    /** "pipeline people", "maintenance job orphan-sweep": for log lines and messages. */
    @Override
    public String toString() {
        return label(kind) + " " + id;
    }

    private static String label(JobKind kind) {
        return kind == JobKind.PIPELINE ? "pipeline" : "maintenance job";
    }
}
