package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.audit.AuditEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTableTest extends EngineOnTestLake {

    @Test
    void theJournalIsQueryableWithItsColumnsAndJsonDetails() throws Exception {
        lake.append("people", schema("id", BIGINT), "SELECT range AS id FROM range(3)");

        QueryResult r = engine.query("SELECT seq, actor, action, entity, details->>'rows' AS rows, hash, prev_hash"
                + " FROM lakehub_audit WHERE action = 'dataset.commit' ORDER BY seq");

        assertThat(r.rows()).hasSize(1); // the first commit's schema.change event follows it
        List<Object> row = r.rows().getFirst();
        assertThat(row.subList(0, 5)).containsExactly(1L, "test", "dataset.commit", "dataset:people", "3");
        assertThat((String) row.get(5)).hasSize(64);
        assertThat(row.get(6)).isEqualTo("0".repeat(64));
        assertThat(engine.query("DESCRIBE lakehub_audit").rows())
                .extracting(c -> c.get(0) + " " + c.get(1))
                .containsExactly(
                        "seq BIGINT",
                        "time TIMESTAMP WITH TIME ZONE",
                        "actor VARCHAR",
                        "action VARCHAR",
                        "entity VARCHAR",
                        "details JSON",
                        "prev_hash VARCHAR",
                        "hash VARCHAR");
    }

    @Test
    void newEventsAppearOnTheNextQueryWithoutDuplicates() {
        lake.catalog.audit().append(new AuditEntry("cli", "config.change", "config", "{\"key\":\"a\"}"));
        assertThat(engine.query("SELECT count(*) FROM lakehub_audit").rows()).containsExactly(List.of(1L));

        lake.catalog.audit().append(new AuditEntry("http:ann", "ingest.refused", "dataset:x", "{\"line\":7}"));
        lake.catalog.audit().append(new AuditEntry("system", "ingest.duplicate", "dataset:x", "{}"));

        QueryResult r = engine.query("SELECT seq, actor FROM lakehub_audit ORDER BY seq");
        assertThat(r.rows()).containsExactly(List.of(1L, "cli"), List.of(2L, "http:ann"), List.of(3L, "system"));
    }

    @Test
    void moreEventsThanOnePageAreAllCopied() {
        int events = AuditMirror.PAGE * 2 + 5;
        for (int i = 0; i < events; i++) {
            lake.catalog.audit().append(new AuditEntry("system", "test.event", "n:" + i, "{\"i\":" + i + "}"));
        }

        QueryResult r = engine.query("SELECT count(*), count(DISTINCT seq), min(seq), max(seq),"
                + " sum((details->>'i')::BIGINT) FROM lakehub_audit");

        long n = events;
        assertThat(r.rows()).containsExactly(List.of(n, n, 1L, n, new java.math.BigDecimal(n * (n - 1) / 2)));
    }

    @Test
    void timesAreUtcInstants() {
        var event = lake.catalog.audit().append(new AuditEntry("cli", "x", "y", "{}"));

        Object time =
                engine.query("SELECT time FROM lakehub_audit").rows().getFirst().getFirst();

        assertThat(time)
                .isEqualTo(event.time()
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .toString());
    }

    @Test
    void detailsThatAreNotJsonAreKeptAsAJsonString() {
        lake.catalog.audit().append(new AuditEntry("cli", "x", "y", "not {json"));

        assertThat(engine.query("SELECT details FROM lakehub_audit").rows()).containsExactly(List.of("not {json"));
        assertThat(AuditMirror.asJson("{\"a\":1} trailing")).isEqualTo("\"{\\\"a\\\":1} trailing\"");
    }
}
