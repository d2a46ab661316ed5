package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.chain.KeyComparison;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The due rule of the periodic key comparison and the key listing's spec (no database needed). */
class SourceKeysTest {
    private static final Instant T = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aComparisonIsDueWhenNeverDoneOrOnceTheIntervalHasPassed() {
        assertThat(SourceKeys.due(Optional.empty(), HOUR, T))
                .as("never compared")
                .isTrue();
        assertThat(SourceKeys.due(Optional.of(T.toString()), HOUR, T.plus(Duration.ofMinutes(59))))
                .isFalse();
        assertThat(SourceKeys.due(Optional.of(T.toString()), HOUR, T.plus(HOUR)))
                .as("exactly the interval")
                .isTrue();
        assertThat(SourceKeys.due(Optional.of(T.toString()), HOUR, T.plus(Duration.ofHours(5))))
                .isTrue();
        assertThat(SourceKeys.due(Optional.of(T.toString()), HOUR, T.minus(Duration.ofMinutes(1))))
                .as("a clock behind the committed time waits")
                .isFalse();
        assertThat(SourceKeys.due(Optional.of("not a time"), HOUR, T))
                .as("an unreadable committed time compares")
                .isTrue();
    }

    @Test
    void aDuePollStampsTheComparisonWithItsTimeAndANotDueOneListsNothing() {
        JdbcSourceSpec spec = JdbcSourceSpec.of(
                        "orders", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, "public.orders", List.of())
                .withKey(List.of("id"), true)
                .withCompareKeys(HOUR);
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        long before = SourceKeys.listings();

        SourceKeys notDue = new SourceKeys(
                new JdbcSource(spec),
                () -> Optional.of(T.minus(Duration.ofMinutes(10)).toString()),
                clock);
        assertThat(notDue.keyComparison()).isEmpty();
        assertThat(SourceKeys.listings()).isEqualTo(before);

        SourceKeys due = new SourceKeys(
                new JdbcSource(spec), () -> Optional.of(T.minus(HOUR).toString()), clock);
        // The listing source is not opened here: key() of an unopened source is empty, so it is refused.
        assertThatThrownBy(due::keyComparison)
                .isInstanceOf(JdbcSourceRefusedException.class)
                .hasMessageContaining("deleted.compare-keys");
    }

    @Test
    void theKeyListingReadsOnlyTheKeyColumnsByKeysetPagesWithoutLag() {
        JdbcSourceSpec spec = JdbcSourceSpec.of(
                        "orders",
                        "jdbc:postgresql://127.0.0.1:5432/test",
                        "postgres",
                        "pw",
                        "public.orders",
                        List.of("updated_at", "id"))
                .withKey(List.of("region", "id"), true)
                .withDeletedColumn("is_deleted")
                .withSizes(500, 100, 50)
                .withCompareKeys(HOUR);
        JdbcSourceSpec keys = SourceKeys.keysSpec(spec, List.of("region", "id"));
        assertThat(keys.query()).isEqualTo("SELECT \"region\", \"id\" FROM public.orders");
        assertThat(keys.cursor()).as("keyset pages ordered by the key").containsExactly("region", "id");
        assertThat(keys.lag()).isZero();
        assertThat(keys.deletedColumn()).isNull();
        assertThat(keys.compareKeys()).isNull();
        assertThat(keys.pageSize()).isEqualTo(500);
        assertThat(keys.password()).isEqualTo("pw");

        JdbcSourceSpec mariadb = SourceKeys.keysSpec(
                JdbcSourceSpec.of("o", "jdbc:mariadb://127.0.0.1:3306/test", "root", null, "t", List.of())
                        .withQuery("SELECT id, name FROM t WHERE region = 'EU';"),
                List.of("id"));
        assertThat(mariadb.query())
                .isEqualTo("SELECT `id` FROM (SELECT id, name FROM t WHERE region = 'EU') lakehub_keys");
    }

    @Test
    void aComparisonIsStampedWithTheKeyOfThePipeline() {
        KeyComparison c = new KeyComparison(
                new JdbcSource(JdbcSourceSpec.of("o", "jdbc:postgresql://h/db", null, null, "t", List.of())),
                java.util.Map.of("position.jdbc.o.keys-compared-at", T.toString()));
        assertThat(c.properties()).containsEntry("position.jdbc.o.keys-compared-at", "2026-11-30T12:00:00Z");
    }
}
