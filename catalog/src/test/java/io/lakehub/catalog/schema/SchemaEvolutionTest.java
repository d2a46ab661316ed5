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

    @ParameterizedTest
    @CsvSource({"0", "9", "10", "13", "31", "127"})
    void aNewColumnNameWithAControlCharacterIsRefusedNamingItEscaped(int code) {
        String name = "col" + (char) code + " 2";
        LakeSchema incoming = schema(col("id", INT), col(name, STRING));

        for (LakeSchema current : new LakeSchema[] {null, schema(col("id", INT))}) {
            assertThatThrownBy(() -> SchemaEvolution.merge("people", current, incoming, true))
                    .isInstanceOf(InvalidColumnNameException.class)
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("'col" + String.format("\\u%04x", code) + " 2'")
                    .hasMessageContaining(String.format("U+%04X", code))
                    .hasMessageContaining("Nothing was written")
                    .satisfies(e -> assertThat(((InvalidColumnNameException) e).column())
                            .isEqualTo(name))
                    .message()
                    .doesNotContain(String.valueOf((char) code));
        }
    }

    @Test
    void printableCharactersAreAcceptedAndAColumnTheDatasetAlreadyHoldsIsNotCheckedAgain() {
        LakeSchema fine = schema(col("naïve name €", INT), col("line\u2028separator", STRING));
        assertThat(SchemaEvolution.merge("people", null, fine, false).schema()).isEqualTo(fine);

        // A dataset committed before the rule can still be appended to (or dropped).
        LakeSchema legacy = schema(col("col\u0000 2", STRING));
        assertThat(SchemaEvolution.merge("people", legacy, legacy, false).changed())
                .isFalse();
    }
}
