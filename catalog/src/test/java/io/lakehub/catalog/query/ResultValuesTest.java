package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.BINARY;
import static io.lakehub.catalog.schema.LakeType.BOOLEAN;
import static io.lakehub.catalog.schema.LakeType.DATE;
import static io.lakehub.catalog.schema.LakeType.DOUBLE;
import static io.lakehub.catalog.schema.LakeType.JSON;
import static io.lakehub.catalog.schema.LakeType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** Values arrive as the JSON-friendly Java objects QueryResult promises, with DuckDB's type names. */
class ResultValuesTest extends EngineOnTestLake {

    private Object single(String expression) {
        return engine.query("SELECT " + expression).rows().getFirst().getFirst();
    }

    private String typeOf(String expression) {
        return engine.query("SELECT " + expression).columns().getFirst().type();
    }

    @Test
    void integersKeepTheirSizeAndHugeOnesBecomeBigDecimal() {
        assertThat(single("42::BIGINT")).isEqualTo(42L);
        assertThat(single("42::INTEGER")).isEqualTo(42);
        assertThat(single("42::SMALLINT")).isEqualTo(42);
        assertThat(single("42::TINYINT")).isEqualTo(42);
        assertThat(single("170141183460469231731687303715884105727::HUGEINT"))
                .isEqualTo(new BigDecimal("170141183460469231731687303715884105727"));
        assertThat(single("18446744073709551615::UBIGINT")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(typeOf("42::BIGINT")).isEqualTo("BIGINT");
        assertThat(typeOf("42::HUGEINT")).isEqualTo("HUGEINT");
    }

    @Test
    void decimalsAreExact() {
        assertThat(single("1.25::DECIMAL(10,2)")).isEqualTo(new BigDecimal("1.25"));
        assertThat(single("123456789012345678901234567890.5::DECIMAL(38,1)"))
                .isEqualTo(new BigDecimal("123456789012345678901234567890.5"));
        assertThat(typeOf("1.25::DECIMAL(10,2)")).isEqualTo("DECIMAL(10,2)");
    }

    @Test
    void floatingPointIsDoubleAndNonFiniteValuesAreStrings() {
        assertThat(single("2.5::DOUBLE")).isEqualTo(2.5);
        assertThat(single("0.1::FLOAT")).isEqualTo(0.1);
        assertThat(single("'NaN'::DOUBLE")).isEqualTo("NaN");
        assertThat(single("'inf'::DOUBLE")).isEqualTo("Infinity");
        assertThat(single("'-inf'::FLOAT")).isEqualTo("-Infinity");
        assertThat(single("['NaN'::DOUBLE, 1.0]")).isEqualTo(List.of("NaN", 1.0));
    }

    @Test
    void datesAndTimestampsAreIso8601() {
        assertThat(single("DATE '2024-01-31'")).isEqualTo("2024-01-31");
        assertThat(single("TIMESTAMP '2024-01-31 12:00:00'")).isEqualTo("2024-01-31T12:00:00");
        assertThat(single("TIMESTAMP '2024-01-31 12:00:00.123456'")).isEqualTo("2024-01-31T12:00:00.123456");
        assertThat(single("TIMESTAMPTZ '2024-01-31 12:00:00+02'")).isEqualTo("2024-01-31T10:00:00Z");
        assertThat(single("TIMESTAMP_NS '2024-01-31 12:00:00.123456789'")).isEqualTo("2024-01-31T12:00:00.123456789");
        assertThat(single("TIME '12:34:56'")).isEqualTo("12:34:56");
        assertThat(typeOf("TIMESTAMPTZ '2024-01-31 12:00:00+02'")).isEqualTo("TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void wallClockTimestampsStayExactWhateverTheJvmTimeZone() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try {
            // 02:30 on this day does not exist in Berlin (clocks jump from 02:00 to 03:00).
            assertThat(single("TIMESTAMP '2024-03-31 02:30:00'")).isEqualTo("2024-03-31T02:30:00");
            assertThat(single("TIMESTAMPTZ '2024-03-31 02:30:00+00'")).isEqualTo("2024-03-31T02:30:00Z");
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void blobsAreBase64() {
        assertThat(single("'\\xAA\\xFF'::BLOB")).isEqualTo("qv8=");
        assertThat(single("''::BLOB")).isEqualTo("");
    }

    @Test
    void listsAreListsAndStructsAndMapsAreMaps() {
        assertThat(single("[1, 2, NULL]")).isEqualTo(Arrays.asList(1, 2, null));
        assertThat(single("[[1], [2, 3]]")).isEqualTo(List.of(List.of(1), List.of(2, 3)));
        assertThat(single("{'b': 1, 'a': 'x', 'c': [DATE '2024-01-01']}"))
                .isEqualTo(Map.of("b", 1, "a", "x", "c", List.of("2024-01-01")));
        Map<?, ?> struct = (Map<?, ?>) single("{'b': 1, 'a': 2}");
        assertThat(struct.keySet().stream().map(String::valueOf).toList()).containsExactly("b", "a");
        assertThat(single("MAP {1: 'one', 2: 'two'}")).isEqualTo(Map.of("1", "one", "2", "two"));
        assertThat(single("[1, 2]::INTEGER[2]")).isEqualTo(List.of(1, 2));
        assertThat(typeOf("[1, 2, NULL]")).isEqualTo("INTEGER[]");
    }

    @Test
    void jsonIsParsed() {
        assertThat(single("'{\"a\": [1, 2.5, null, true], \"b\": {\"c\": \"d\"}}'::JSON"))
                .isEqualTo(Map.of("a", Arrays.asList(1, new BigDecimal("2.5"), null, true), "b", Map.of("c", "d")));
        assertThat(single("'12345678901234567890123'::JSON")).isEqualTo(new BigDecimal("12345678901234567890123"));
        assertThat(single("'\"text\"'::JSON")).isEqualTo("text");
    }

    @Test
    void otherTypesAreText() {
        assertThat(single("'5c1a7f0e-1d2b-4c3d-8e9f-0a1b2c3d4e5f'::UUID"))
                .isEqualTo("5c1a7f0e-1d2b-4c3d-8e9f-0a1b2c3d4e5f");
        assertThat(single("INTERVAL 3 DAY")).isEqualTo("3 days");
        assertThat(single("NULL::INTEGER")).isNull();
        assertThat(single("true")).isEqualTo(true);
    }

    @Test
    void eachLakeTypeReadsBackAsItsJsonFriendlyValue() throws Exception {
        lake.append(
                "typed",
                schema("ok", BOOLEAN, "d", DATE, "ts", TIMESTAMP, "x", DOUBLE, "doc", JSON, "raw", BINARY),
                "SELECT true AS ok, DATE '2024-01-31' AS d, TIMESTAMPTZ '2024-01-31 12:00:00+00' AS ts,"
                        + " 1.5::DOUBLE AS x, '{\"k\":1}'::JSON AS doc, 'hi'::BLOB AS raw");

        QueryResult r = engine.query("SELECT * FROM typed");

        assertThat(r.columns())
                .extracting(QueryResult.Column::type)
                .containsExactly("BOOLEAN", "DATE", "TIMESTAMP WITH TIME ZONE", "DOUBLE", "JSON", "BLOB");
        assertThat(r.rows())
                .containsExactly(List.of(true, "2024-01-31", "2024-01-31T12:00:00Z", 1.5, Map.of("k", 1), "aGk="));
    }
}
