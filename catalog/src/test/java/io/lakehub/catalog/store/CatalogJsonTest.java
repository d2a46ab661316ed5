package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {

    @Test
    void schemaRoundTripsEveryTypeNullabilityAndAwkwardNames() {
        List<LakeField> fields = new ArrayList<>();
        for (LakeType type : LakeType.values()) {
            fields.add(new LakeField("col " + type.name() + " \"q\" é", type, type.ordinal() % 2 == 0));
        }
        LakeSchema schema = new LakeSchema(fields);

        String json = CatalogJson.schema(schema);

        assertThat(CatalogJson.schema(json)).isEqualTo(schema);
        assertThat(json).contains("\"type\":\"bigint\"", "\"nullable\":false");
    }

    @Test
    void statsRoundTripIncludingMissingMinAndMax() {
        List<ColumnStats> stats = List.of(
                new ColumnStats("id", 0, "1", "99"),
                new ColumnStats("payload", 12, null, null),
                new ColumnStats("born", 1, "1970-01-01", "2024-02-29"));

        assertThat(CatalogJson.stats(CatalogJson.stats(stats))).isEqualTo(stats);
        assertThat(CatalogJson.stats(CatalogJson.stats(List.of()))).isEmpty();
    }

    @Test
    void propertiesAreStoredSortedSoEqualMapsGiveEqualText() {
        assertThat(CatalogJson.properties(Map.of("b", "2", "a", "1"))).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(CatalogJson.properties(CatalogJson.properties(Map.of("kafka.t.0", "42"))))
                .containsExactly(Map.entry("kafka.t.0", "42"));
    }
}
