package io.lakehub.processors.read.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.read.BatchReader;
import io.lakehub.processors.read.BatchReaders;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files from DuckDB's JSON tests (see src/test/resources/corpus/README.md), read as the ingest reads them. */
class JsonCorpusFilesTest {

    private static Path corpus(String name) {
        try {
            return Path.of(JsonCorpusFilesTest.class
                    .getResource("/corpus/duckdb-json/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BatchReader reader(String name) {
        return BatchReaders.forFile(corpus(name), ReadOptions.detect());
    }

    @Test
    void keysDifferingOnlyInCaseAreNumberedAsDuckDbNamesThem() {
        BatchReader reader = reader("duplicate_column_names.json");

        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        // DuckDB: id, Id_1, iD_2, ID_3 — the same names.
        assertThat(reader.schema().names()).containsExactly("id", "Id_1", "iD_2", "ID_3");
        assertThat(rows).containsExactly(Map.of("id", 42, "Id_1", 43, "iD_2", 44, "ID_3", 45));
    }

    @Test
    void keysThatCollideWithNumberedNamesStayDistinct() {
        BatchReader reader = reader("bunch_of_key_collisions.json");

        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(reader.schema().names())
                .containsExactly("duck_1_1", "duck", "Duck_1", "duck_1_2", "Duck_1_3", "Duck_1_1_1");
        assertThat(rows.get(0).values()).containsExactly(42, 43, 44, 45, 46, 47);
    }

    @Test
    void aRepeatedKeyKeepsTheLastValue() {
        BatchReader reader = reader("duplicate_key.ndjson");

        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, 2, 42, 4, 5);
        assertThat(reader.facts()).containsEntry("read.duplicateKeys", "1");
    }

    @Test
    void twoTopLevelArraysAreOneSequenceOfRecords() {
        assertThat(ReadResults.readAll(reader("top_level_two_arrays.json")))
                .extracting(r -> r.get("conclusion"))
                .containsExactly("cancelled", "cancelled", "cancelled", "cancelled");
    }

    @Test
    void anArrayOfArraysIsOneValueColumnAndAnEmptyArrayNoRows() {
        assertThat(ReadResults.readAll(reader("array_of_empty_arrays.json")))
                .extracting(r -> r.get("value"))
                .containsExactly("[]", "[]", "[]");
        BatchReader empty = reader("empty_array.json");
        assertThat(ReadResults.readAll(empty)).isEmpty();
        assertThat(empty.schema().fields()).isEmpty();
    }
}
