package io.lakehub.processors.ingest;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What an ingest does with the rows a reader cannot read ({@code on_bad_rows}) and how many it
 * tolerates before the whole file is refused ({@code max_bad_rows}). Either part may be unset
 * ({@code null}): the request's policy is completed by the dataset's ({@link #orElse}) and then by
 * {@link #DEFAULT} ({@link #resolved()}).
 *
 * @param action fail, skip or rejects; {@code null}: not set here
 * @param limit the most bad rows a file may have; {@code null}: not set here
 */
public record BadRowPolicy(Action action, Limit limit) {

    /** {@code rejects} with at most 1% of the rows bad: the default of every ingest. */
    public static final BadRowPolicy DEFAULT = new BadRowPolicy(Action.REJECTS, Limit.percent(BigDecimal.ONE));

    /** Neither part set: everything comes from the dataset's settings or the default. */
    public static final BadRowPolicy UNSET = new BadRowPolicy(null, null);

    /**
     * Parses the two settings as a user writes them; blank or {@code null} leaves a part unset.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static BadRowPolicy parse(String action, String limit) {
        return new BadRowPolicy(
                action == null || action.isBlank() ? null : Action.parse(action),
                limit == null || limit.isBlank() ? null : Limit.parse(limit));
    }

    /** This policy, each unset part taken from {@code other} (may be {@code null}). */
    public BadRowPolicy orElse(BadRowPolicy other) {
        if (other == null) {
            return this;
        }
        return new BadRowPolicy(action != null ? action : other.action, limit != null ? limit : other.limit);
    }

    /** This policy with every unset part taken from {@link #DEFAULT}. */
    public BadRowPolicy resolved() {
        return orElse(DEFAULT);
    }

    /** How bad rows are handled. */
    public enum Action {
        /** The first bad row refuses the file (nothing is written). */
        FAIL,
        /** Bad rows are counted and left out; the good rows land. */
        SKIP,
        /** Bad rows land in the dataset {@code <dataset>__rejects}; the good rows land. */
        REJECTS;

        /** The name in configuration: {@code fail}, {@code skip}, {@code rejects}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException naming the value and the accepted ones
         */
        public static Action parse(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (Action a : values()) {
                if (a.configName().equals(v)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(
                    "on_bad_rows '" + value + "' is not one of fail, skip, rejects (default rejects)");
        }
    }

    /**
     * The most bad rows a file may have: an absolute count ({@code 100}) or a percentage of its rows,
     * good and bad ({@code 1%}, {@code 0.5%}). A file with more is refused and nothing of it is written.
     *
     * @param count the most bad rows, or {@code -1} when {@code percent} applies
     * @param percent the most bad rows as a percentage of all rows (0 to 100), or {@code null} when
     *     {@code count} applies
     */
    public record Limit(long count, BigDecimal percent) {

        public Limit {
            if ((percent == null) == (count < 0)) {
                throw new IllegalArgumentException("a bad-row limit is either a count or a percentage");
            }
            if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
                throw new IllegalArgumentException("a bad-row percentage is between 0% and 100%: " + percent + "%");
            }
        }

        /** At most {@code rows} bad rows. */
        public static Limit count(long rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("a bad-row count is 0 or more: " + rows);
            }
            return new Limit(rows, null);
        }

        /** At most {@code percent} % of the rows bad. */
        public static Limit percent(BigDecimal percent) {
            return new Limit(-1, percent);
        }

        /**
         * Parses {@code 1%}, {@code 0.5%} or {@code 100}.
         *
         * @throws IllegalArgumentException naming the value and the accepted forms
         */
        public static Limit parse(String value) {
            String v = value.strip();
            try {
                if (v.endsWith("%")) {
                    return percent(new BigDecimal(v.substring(0, v.length() - 1).strip()));
                }
                return count(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "max_bad_rows '" + value + "' is neither a number of rows (e.g. 100) nor a percentage of"
                                + " the rows (e.g. 1%)",
                        e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("max_bad_rows '" + value + "': " + e.getMessage(), e);
            }
        }

        /** Whether {@code bad} bad rows among {@code total} rows (good and bad) are too many. */
        public boolean exceededBy(long bad, long total) {
            if (percent == null) {
                return bad > count;
            }
            // bad / total > percent / 100, exactly
            return BigDecimal.valueOf(bad)
                            .multiply(BigDecimal.valueOf(100))
                            .compareTo(percent.multiply(BigDecimal.valueOf(total)))
                    > 0;
        }

        /** Whether the limit can be exceeded before the total is known: only an absolute count. */
        boolean absolute() {
            return percent == null;
        }

        /** As configured: {@code 1%} or {@code 100}. */
        @Override
        public String toString() {
            return percent == null
                    ? Long.toString(count)
                    : percent.stripTrailingZeros().toPlainString() + "%";
        }
    }
}
