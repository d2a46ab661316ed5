package io.lakehub.catalog.schema;

import static io.lakehub.catalog.schema.LakeType.BIGINT;
import static io.lakehub.catalog.schema.LakeType.BINARY;
import static io.lakehub.catalog.schema.LakeType.DATE;
import static io.lakehub.catalog.schema.LakeType.DOUBLE;
import static io.lakehub.catalog.schema.LakeType.INT;
import static io.lakehub.catalog.schema.LakeType.JSON;
import static io.lakehub.catalog.schema.LakeType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaEvolutionTest {

    private static LakeField col(String name, LakeType type) {
        return LakeField.nullable(name, type);
    }

    private static LakeSchema schema(LakeField... fields) {
        return LakeSchema.of(fields);
    }

    @Test
    void newDatasetTakesTheIncomingSchemaAndReportsEveryColumnAsAdded() {
        LakeSchema incoming = schema(col("id", INT), new LakeField("name", STRING, false));

        SchemaEvolution e = SchemaEvolution.merge("people", null, incoming, false);

        assertThat(e.schema()).isEqualTo(incoming);
        assertThat(e.changes()).containsExactly("added column id (int)", "added column name (string)");
        assertThat(e.changed()).isTrue();
    }

    @Test
    void identicalSchemaIsUnchanged() {
        LakeSchema current = schema(col("id", BIGINT), col("name", STRING));

        SchemaEvolution e = SchemaEvolution.merge("people", current, current, false);

        assertThat(e.changed()).isFalse();
        assertThat(e.changes()).isEmpty();
        assertThat(e.schema()).isEqualTo(current);
    }

    @Test
    void newColumnsFollowTheCurrentOnesAndAreNullable() {
        LakeSchema current = schema(col("id", INT), col("name", STRING));
        LakeSchema incoming =
                schema(new LakeField("email", STRING, false), col("name", STRING), col("id", INT), col("age", INT));

        SchemaEvolution e = SchemaEvolution.merge("people", current, incoming, false);

        assertThat(e.schema().fields())
                .containsExactly(col("id", INT), col("name", STRING), col("email", STRING), col("age", INT));
        assertThat(e.changes()).containsExactly("added column email (string)", "added column age (int)");
    }

    @Test
    void columnMissingFromIncomingStaysAndBecomesNullable() {
        LakeSchema current = schema(new LakeField("id", INT, false), col("name", STRING));
        LakeSchema incoming = schema(col("name", STRING));

        SchemaEvolution e = SchemaEvolution.merge("people", current, incoming, false);

        assertThat(e.schema().fields()).containsExactly(col("id", INT), col("name", STRING));
        assertThat(e.changes()).containsExactly("made column id nullable");
    }

    @Test
    void nullableIncomingRelaxesARequiredColumn() {
        LakeSchema current = schema(new LakeField("id", INT, false));

        SchemaEvolution e = SchemaEvolution.merge("people", current, schema(col("id", INT)), false);

        assertThat(e.schema().fields()).containsExactly(col("id", INT));
        assertThat(e.changes()).containsExactly("made column id nullable");
    }

    @Test
    void requiredIncomingKeepsANullableColumnNullable() {
        LakeSchema current = schema(col("id", INT));

        SchemaEvolution e = SchemaEvolution.merge("people", current, schema(new LakeField("id", INT, false)), false);

        assertThat(e.changed()).isFalse();
        assertThat(e.schema()).isEqualTo(current);
    }

    @ParameterizedTest
    @CsvSource({"INT, BIGINT", "INT, DOUBLE", "BIGINT, DOUBLE"})
    void numericColumnsWiden(LakeType have, LakeType in) {
        LakeSchema current = schema(col("id", STRING), col("age", have));

        SchemaEvolution e = SchemaEvolution.merge("people", current, schema(col("age", in)), false);

        assertThat(e.schema().fields()).containsExactly(col("id", STRING), col("age", in));
        assertThat(e.changes())
                .containsExactly("widened column age from " + have.displayName() + " to " + in.displayName());
    }

    @ParameterizedTest
    @CsvSource({
        "BIGINT, INT",
        "DOUBLE, INT",
        "DOUBLE, BIGINT",
        "STRING, INT",
        "STRING, DATE",
        "STRING, TIMESTAMP",
        "STRING, JSON",
        "STRING, BOOLEAN"
    })
    void narrowerIncomingIsAcceptedUnchanged(LakeType have, LakeType in) {
        LakeSchema current = schema(col("v", have));

        SchemaEvolution e = SchemaEvolution.merge("people", current, schema(col("v", in)), false);

        assertThat(e.changed()).isFalse();
        assertThat(e.schema()).isEqualTo(current);
    }

    @ParameterizedTest
    @CsvSource({
        "DATE, DOUBLE",
        "INT, STRING",
        "DOUBLE, STRING",
        "BOOLEAN, INT",
        "TIMESTAMP, DATE",
        "DATE, TIMESTAMP",
        "JSON, STRING",
        "STRING, BINARY",
        "BINARY, STRING"
    })
    void otherDifferencesAreRefusedNamingColumnAndBothTypes(LakeType have, LakeType in) {
        LakeSchema current = schema(col("id", INT), col("born", have));

        assertThatThrownBy(() -> SchemaEvolution.merge("people", current, schema(col("born", in)), false))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, ex -> {
                    assertThat(ex.column()).isEqualTo("born");
                    assertThat(ex.datasetType()).isEqualTo(have);
                    assertThat(ex.incomingType()).isEqualTo(in);
                })
                .hasMessageContaining("'born'")
                .hasMessageContaining("'people'")
                .hasMessageContaining(have.displayName())
                .hasMessageContaining(in.displayName())
                .hasMessageContaining("Nothing was written");
    }

    @ParameterizedTest
    @CsvSource({"DATE, DOUBLE", "INT, STRING", "BOOLEAN, INT", "TIMESTAMP, DATE", "BINARY, STRING"})
    void otherDifferencesWidenToStringWhenAllowed(LakeType have, LakeType in) {
        LakeSchema current = schema(col("born", have), col("id", INT));

        SchemaEvolution e = SchemaEvolution.merge("people", current, schema(col("born", in)), true);

        assertThat(e.schema().fields()).containsExactly(col("born", STRING), col("id", INT));
        assertThat(e.changes()).containsExactly("widened column born from " + have.displayName() + " to string");
    }

    @Test
    void binaryIntoAStringColumnNeedsWideningToStringAllowed() {
        LakeSchema current = schema(col("blob", STRING));

        SchemaEvolution e = SchemaEvolution.merge("files", current, schema(col("blob", BINARY)), true);

        assertThat(e.changed()).isFalse();
        assertThat(e.schema()).isEqualTo(current);
    }

    @Test
    void severalChangesAreReportedInColumnOrder() {
        LakeSchema current = schema(col("a", INT), col("b", DATE), col("c", BIGINT));
        LakeSchema incoming = schema(col("d", JSON), col("c", DOUBLE), col("b", DATE), col("a", BIGINT));

        SchemaEvolution e = SchemaEvolution.merge("t", current, incoming, false);

        assertThat(e.schema().fields())
                .containsExactly(col("a", BIGINT), col("b", DATE), col("c", DOUBLE), col("d", JSON));
        assertThat(e.changes())
                .containsExactly(
                        "widened column a from int to bigint",
                        "widened column c from bigint to double",
                        "added column d (json)");
    }

    @Test
    void columnNamesDifferingOnlyInCaseAreOneColumn() {
        LakeSchema current = LakeSchema.of(LakeField.nullable("Email", LakeType.STRING));
        SchemaEvolution e = SchemaEvolution.merge(
                "people", current, LakeSchema.of(LakeField.nullable("EMAIL", LakeType.STRING)), false);
        assertThat(e.changed()).isFalse();
        assertThat(e.schema()).isEqualTo(current);
        assertThat(current.field("email")).isPresent();
        assertThatThrownBy(() -> LakeSchema.of(
                        LakeField.nullable("Email", LakeType.STRING), LakeField.nullable("email", LakeType.STRING)))
                .hasMessageContaining("differ only in case");
    }

    private static LakeField dec(String name, int precision, int scale) {
        return LakeField.decimal(name, precision, scale);
    }

    @Test
    void decimalsWidenToTheDecimalHoldingBoth() {
        LakeSchema current = schema(dec("amount", 10, 2));

        SchemaEvolution e = SchemaEvolution.merge("orders", current, schema(dec("amount", 12, 4)), false);

        // 8 integer digits from either side, scale 4: decimal(12,4).
        assertThat(e.schema().fields()).containsExactly(dec("amount", 12, 4));
        assertThat(e.changes()).containsExactly("widened column amount from decimal(10,2) to decimal(12,4)");

        SchemaEvolution mixed = SchemaEvolution.merge("orders", current, schema(dec("amount", 20, 0)), false);
        assertThat(mixed.schema().fields()).containsExactly(dec("amount", 22, 2));
    }

    @ParameterizedTest
    @CsvSource({"12, 2", "10, 2", "5, 1", "8, 0"})
    void narrowerDecimalIsAcceptedUnchanged(int precision, int scale) {
        LakeSchema current = schema(dec("amount", 12, 2));

        SchemaEvolution e = SchemaEvolution.merge("orders", current, schema(dec("amount", precision, scale)), false);

        assertThat(e.changed()).isFalse();
        assertThat(e.schema()).isEqualTo(current);
    }

    @Test
    void integersFitADecimalWithEnoughIntegerDigitsAndWidenOneWithout() {
        LakeSchema wide = schema(dec("n", 21, 2));
        assertThat(SchemaEvolution.merge("t", wide, schema(col("n", INT)), false)
                        .changed())
                .isFalse();
        assertThat(SchemaEvolution.merge("t", wide, schema(col("n", BIGINT)), false)
                        .changed())
                .isFalse();

        LakeSchema narrow = schema(dec("n", 6, 2));
        SchemaEvolution e = SchemaEvolution.merge("t", narrow, schema(col("n", BIGINT)), false);
        assertThat(e.schema().fields()).containsExactly(dec("n", 21, 2));
        assertThat(e.changes()).containsExactly("widened column n from decimal(6,2) to decimal(21,2)");

        SchemaEvolution fromInt = SchemaEvolution.merge("t", schema(col("n", INT)), schema(dec("n", 5, 3)), false);
        assertThat(fromInt.schema().fields()).containsExactly(dec("n", 13, 3));
    }

    @Test
    void decimalNeedingMoreThan38DigitsIsRefusedOrWidenedToString() {
        LakeSchema current = schema(dec("n", 38, 0));
        LakeSchema incoming = schema(dec("n", 38, 10));

        assertThatThrownBy(() -> SchemaEvolution.merge("t", current, incoming, false))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, ex -> {
                    assertThat(ex.column()).isEqualTo("n");
                    assertThat(ex.datasetField()).isEqualTo(dec("n", 38, 0));
                    assertThat(ex.incomingField()).isEqualTo(dec("n", 38, 10));
                })
                .hasMessageContaining("decimal(38,0)")
                .hasMessageContaining("decimal(38,10)")
                .hasMessageContaining("48 digits");
        assertThat(SchemaEvolution.merge("t", current, incoming, true).schema().fields())
                .containsExactly(col("n", STRING));
    }

    @Test
    void decimalAndDoubleMeetAtDouble() {
        SchemaEvolution e = SchemaEvolution.merge("t", schema(dec("x", 10, 2)), schema(col("x", DOUBLE)), false);
        assertThat(e.schema().fields()).containsExactly(col("x", DOUBLE));
        assertThat(SchemaEvolution.merge("t", schema(col("x", DOUBLE)), schema(dec("x", 10, 2)), false)
                        .changed())
                .isFalse();
    }

    @Test
    void listsMergeOnlyWithTheSameElementType() {
        LakeSchema current = schema(LakeField.list("tags", STRING), LakeField.list("prices", dec("e", 10, 2)));

        assertThat(SchemaEvolution.merge("t", current, current, false).changed())
                .isFalse();
        assertThatThrownBy(
                        () -> SchemaEvolution.merge("t", current, schema(LakeField.list("tags", LakeType.INT)), false))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("'tags'")
                .hasMessageContaining("list<string>")
                .hasMessageContaining("list<int>");
        assertThatThrownBy(() ->
                        SchemaEvolution.merge("t", current, schema(LakeField.list("prices", dec("e", 12, 2))), false))
                .hasMessageContaining("list<decimal(10,2)>")
                .hasMessageContaining("list<decimal(12,2)>");
        assertThatThrownBy(() -> SchemaEvolution.merge("t", current, schema(col("tags", STRING)), false))
                .isInstanceOf(IncompatibleSchemaException.class);
    }

    @Test
    void aListArrivingForAJsonColumnIsKeptAsJson() {
        LakeSchema current = schema(col("tags", JSON));

        SchemaEvolution e = SchemaEvolution.merge("t", current, schema(LakeField.list("tags", STRING)), false);

        assertThat(e.changed()).isFalse();
    }

    @Test
    void timestampWithoutZoneAndInstantDoNotMergeUnlessWideningToString() {
        LakeSchema current = schema(col("at", LakeType.LOCAL_TIMESTAMP));
        LakeSchema incoming = schema(col("at", LakeType.TIMESTAMP));

        assertThatThrownBy(() -> SchemaEvolution.merge("t", current, incoming, false))
                .hasMessageContaining("timestamp_ntz")
                .hasMessageContaining("but the incoming data has timestamp");
        assertThatThrownBy(() -> SchemaEvolution.merge("t", incoming, current, false))
                .isInstanceOf(IncompatibleSchemaException.class);
        assertThat(SchemaEvolution.merge("t", current, incoming, true).schema().fields())
                .containsExactly(col("at", STRING));
    }

    @Test
    void newParameterisedColumnsKeepTheirParameters() {
        LakeSchema current = schema(col("id", INT));
        LakeField price = new LakeField("price", LakeType.DECIMAL, false, 18, 4, null);
        LakeField tags = LakeField.list("tags", dec("x", 9, 3)).withNullable(false);

        SchemaEvolution e = SchemaEvolution.merge("t", current, schema(col("id", INT), price, tags), false);

        assertThat(e.schema().fields())
                .containsExactly(col("id", INT), price.withNullable(true), tags.withNullable(true));
        assertThat(e.changes())
                .containsExactly("added column price (decimal(18,4))", "added column tags (list<decimal(9,3)>)");
        SchemaEvolution relaxed = SchemaEvolution.merge("t", schema(price), schema(col("id", INT)), false);
        assertThat(relaxed.schema().fields()).containsExactly(price.withNullable(true), col("id", INT));
    }

    @Test
    void fieldsValidateTheirParametersAndRenderTheirTypes() {
        assertThat(dec("a", 38, 38).duckDbType()).isEqualTo("DECIMAL(38,38)");
        assertThat(LakeField.list("a", dec("e", 5, 1)).duckDbType()).isEqualTo("DECIMAL(5,1)[]");
        assertThat(LakeField.list("a", LakeType.LOCAL_TIMESTAMP).duckDbType()).isEqualTo("TIMESTAMP[]");
        assertThat(col("a", LakeType.TIME).duckDbType()).isEqualTo("TIME");
        assertThat(col("a", LakeType.UUID).duckDbType()).isEqualTo("UUID");
        assertThat(col("a", LakeType.TIMESTAMP).duckDbType()).isEqualTo("TIMESTAMPTZ");
        assertThatThrownBy(() -> dec("a", 39, 0)).hasMessageContaining("'a'").hasMessageContaining("1..38");
        assertThatThrownBy(() -> dec("a", 5, 6)).hasMessageContaining("decimal(5,6)");
        assertThatThrownBy(() -> dec("a", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> col("a", LakeType.DECIMAL)).hasMessageContaining("decimal(0,0)");
        assertThatThrownBy(() -> col("a", LakeType.LIST)).hasMessageContaining("no element type");
        assertThatThrownBy(() -> LakeField.list("a", LakeField.list("x", STRING)))
                .hasMessageContaining("list of lists");
        assertThatThrownBy(() -> LakeType.DECIMAL.duckDbType()).hasMessageContaining("LakeField.duckDbType()");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "decimal(10,2)|decimal(10,2)",
                "NUMERIC( 38 , 0 )|decimal(38,0)",
                "decimal(7)|decimal(7,0)",
                "time|time",
                "timestamp_ntz|timestamp_ntz",
                "timestamp|timestamp",
                "uuid|uuid",
                "list<string>|list<string>",
                "list<decimal(12,3)>|list<decimal(12,3)>",
                "int[]|list<int>",
                "decimal|double",
                "text|string"
            })
    void typeNamesParseAndRenderBack(String text, String typeName) {
        LakeField f = LakeField.parse("c", text);
        assertThat(f.typeName()).isEqualTo(typeName);
        assertThat(LakeField.parse("c", f.typeName())).isEqualTo(f);
    }

    @Test
    void typeNamesThatAreNotTypesAreRefusedNamingTheColumn() {
        assertThatThrownBy(() -> LakeField.parse("price", "decimal(40,2)"))
                .hasMessageContaining("'price'")
                .hasMessageContaining("1..38");
        assertThatThrownBy(() -> LakeField.parse("tags", "list")).hasMessageContaining("'tags'");
        assertThatThrownBy(() -> LakeField.parse("x", "list<list<int>>")).hasMessageContaining("list of lists");
        assertThatThrownBy(() -> LakeField.parse("x", "money")).hasMessageContaining("'money'");
    }
}
