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
            String name = "col " + type.name() + " \"q\" é";
            boolean nullable = type.ordinal() % 2 == 0;
            fields.add(
                    switch (type) {
                        case DECIMAL -> new LakeField(name, type, nullable, 38, 9, null);
                        case LIST -> new LakeField(name, type, nullable, 0, 0, LakeField.decimal("element", 12, 2));
                        default -> new LakeField(name, type, nullable);
                    });
        }
        fields.add(LakeField.list("tags", LakeType.STRING));
        fields.add(LakeField.list("stamps", new LakeField("x", LakeType.LOCAL_TIMESTAMP, false)));
        LakeSchema schema = new LakeSchema(fields);

        String json = CatalogJson.schema(schema);

        assertThat(CatalogJson.schema(json)).isEqualTo(schema);
        assertThat(json)
                .contains(
                        "\"type\":\"bigint\"",
                        "\"nullable\":false",
                        "\"type\":\"decimal\",\"nullable\":true,\"precision\":38,\"scale\":9",
                        "\"type\":\"timestamp_ntz\"",
                        "\"element\":{\"type\":\"string\",\"nullable\":true}");
    }

    @Test
    void schemaRowsWrittenBeforeParameterisedTypesStillRead() {
        String stored = "{\"fields\":[{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false},"
                + "{\"name\":\"at\",\"type\":\"timestamp\",\"nullable\":true},"
                + "{\"name\":\"doc\",\"type\":\"json\",\"nullable\":true},"
                + "{\"name\":\"raw\",\"type\":\"binary\"}]}";

        assertThat(CatalogJson.schema(stored))
                .isEqualTo(LakeSchema.of(
                        new LakeField("id", LakeType.BIGINT, false),
                        LakeField.nullable("at", LakeType.TIMESTAMP),
                        LakeField.nullable("doc", LakeType.JSON),
                        LakeField.nullable("raw", LakeType.BINARY)));
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
