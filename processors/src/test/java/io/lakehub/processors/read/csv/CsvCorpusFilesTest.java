package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files from DuckDB's CSV test data (see src/test/resources/corpus/README.md) read as DuckDB reads them. */
class CsvCorpusFilesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            comments_simple.csv       | 2  | a,b   | 4 | 0 | ;
            comments_comment_skip.csv | 2  | x,y,z | 1 | 1 | ,
            comments_17226.csv        | 2  | x,y,z | 4 | 0 | ,
            encodings_latin1.csv      | 12 | name,age | 0 | 0 | ,
            """)
    void readsAsDuckDbDoes(String file, int rows, String columns, int comments, int skipped, String delimiter)
            throws URISyntaxException {
        Path path = Path.of(Objects.requireNonNull(getClass().getResource("/corpus/" + file))
                .toURI());
        CsvBatchReader reader = new CsvBatchReader(path, ReadOptions.detect());
        List<Map<String, Object>> read = ReadResults.readAll(reader);
        assertThat(read).hasSize(rows);
        assertThat(reader.schema().names()).containsExactly(columns.split(","));
        Map<String, String> facts = reader.facts();
        assertThat(facts.get("read.delimiter")).isEqualTo(delimiter);
        assertThat(facts.getOrDefault("read.commentLines", "0")).isEqualTo(Integer.toString(comments));
        assertThat(facts.getOrDefault("read.linesSkipped", "0")).isEqualTo(Integer.toString(skipped));
    }
}
