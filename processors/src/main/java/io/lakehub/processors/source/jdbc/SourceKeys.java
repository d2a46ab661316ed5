package io.lakehub.processors.source.jdbc;

import io.lakehub.processors.chain.ForwardingBatchSource;
import io.lakehub.processors.chain.KeyComparingSource;
import io.lakehub.processors.chain.KeyComparison;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database poller with the periodic key comparison ({@code deleted: { compare-keys: PT1H }}): reads
 * its rows through the wrapped {@link JdbcSource} and, when a comparison is {@link #due}, lists every
 * key of the source with a second {@link JdbcSource} over {@code SELECT <key columns> FROM <table or
 * query>} whose cursor is the key: keyset pages ({@code (k) > (last) ORDER BY k LIMIT n}, never
 * OFFSET), no safety lag, only the key columns. The time of the comparison is committed with the
 * poll as {@link JdbcSourceSpec#keysComparedAtKey()}.
 */
public final class SourceKeys extends ForwardingBatchSource implements KeyComparingSource {
    private static final Logger LOG = LoggerFactory.getLogger(SourceKeys.class);
    private static final String DERIVED = "lakehub_keys";
    private static final AtomicLong LISTINGS = new AtomicLong();

    private final JdbcSource rows;
    private final Supplier<Optional<String>> lastComparedAt;
    private final Clock clock;

    /**
     * @param rows the poller's source (its spec has {@link JdbcSourceSpec#compareKeys()})
     * @param lastComparedAt the committed {@link JdbcSourceSpec#keysComparedAtKey()} of the dataset
     * @param clock the time a comparison is stamped with and judged due by
     */
    public SourceKeys(JdbcSource rows, Supplier<Optional<String>> lastComparedAt, Clock clock) {
        super(Objects.requireNonNull(rows, "rows"));
        this.rows = rows;
        this.lastComparedAt = Objects.requireNonNull(lastComparedAt, "lastComparedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rows.spec().compareKeys(), "the spec has no compare-keys interval");
    }

    /**
     * Whether a key comparison is due: never compared (or the committed time is unreadable), or at
     * least {@code every} has passed since the last committed comparison.
     */
    public static boolean due(Optional<String> lastComparedAt, Duration every, Instant now) {
        if (lastComparedAt.isEmpty()) {
            return true;
        }
        Instant last;
        try {
            last = Instant.parse(lastComparedAt.get().strip());
        } catch (DateTimeParseException e) {
            LOG.warn(
                    "The committed time of the last key comparison '{}' is not an instant; comparing now",
                    lastComparedAt.get());
            return true;
        }
        return !now.isBefore(last.plus(every));
    }

    /**
     * The spec of the key listing: the key columns of {@code spec}'s table or query, ordered (keyset
     * cursor) by the key, no safety lag, no soft-delete column, no comparison of its own.
     */
    static JdbcSourceSpec keysSpec(JdbcSourceSpec spec, List<String> key) {
        if (key.isEmpty()) {
            throw new JdbcSourceRefusedException(
                    "deleted.compare-keys",
                    "the key comparison needs the key of " + spec.describe() + " (key: [...] or a primary key)");
        }
        JdbcDialect dialect = JdbcDialect.of(spec.url());
        String columns = key.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String from = spec.table() != null ? spec.table().strip() : "(" + spec.queryBody() + ") " + DERIVED;
        return new JdbcSourceSpec(
                spec.pipeline(),
                spec.url(),
                spec.user(),
                spec.password(),
                null,
                "SELECT " + columns + " FROM " + from,
                key,
                key,
                true,
                null,
                Duration.ZERO,
                spec.pageSize(),
                spec.fetchSize(),
                spec.batchRows(),
                null);
    }

    /** How many key listings this process started (every poll on which a comparison was due). */
    public static long listings() {
        return LISTINGS.get();
    }

    public JdbcSource rows() {
        return rows;
    }

    @Override
    public Optional<KeyComparison> keyComparison() {
        JdbcSourceSpec spec = rows.spec();
        Instant now = clock.instant();
        if (!due(lastComparedAt.get(), spec.compareKeys(), now)) {
            return Optional.empty();
        }
        LISTINGS.incrementAndGet();
        LOG.info("Pipeline {}: comparing the keys of {} with the dataset", spec.pipeline(), spec.describe());
        return Optional.of(new KeyComparison(
                new JdbcSource(keysSpec(spec, rows.key())), Map.of(spec.keysComparedAtKey(), now.toString())));
    }
}
