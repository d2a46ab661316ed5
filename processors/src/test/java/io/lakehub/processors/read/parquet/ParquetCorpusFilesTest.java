package io.lakehub.processors.read.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files other Parquet writers produced (apache/parquet-testing, see src/test/resources/corpus/README.md). */
class ParquetCorpusFilesTest {

    static Path corpus(String name) {
        try {
            return Path.of(ParquetCorpusFilesTest.class
                    .getResource("/corpus/parquet-testing/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> read(String name) {
        return ReadResults.readAll(new ParquetBatchReader(corpus(name), ReadOptions.detect()));
    }

    @Test
    void readsTheDeprecatedLz4CodecHadoopFramedAndBare() {
        List<Map<String, Object>> hadoop = read("hadoop_lz4_compressed.parquet");
        List<Map<String, Object>> bare = read("non_hadoop_lz4_compressed.parquet");

        // The two files hold the same rows, written by parquet-mr and by older Arrow C++.
        assertThat(hadoop).hasSize(4);
        assertThat(textOf(hadoop)).isEqualTo(textOf(bare));
        assertThat(hadoop.get(1)).containsEntry("c0", 1593604800L).containsEntry("v11", 7.7);
        assertThat((byte[]) hadoop.get(1).get("c1")).asString().isEqualTo("def");
    }

    /** The rows with binary values as text, so that two reads compare by content. */
    private static List<Map<String, Object>> textOf(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(r -> {
                    Map<String, Object> copy = new java.util.LinkedHashMap<>(r);
                    copy.replaceAll((k, v) -> v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v);
                    return copy;
                })
                .toList();
    }

    @Test
    void aLogicalTypeNewerThanTheReaderIsReadAsItsPhysicalTypeWithAWarning() {
        ParquetBatchReader reader =
                new ParquetBatchReader(corpus("unknown-logical-type.parquet"), ReadOptions.detect());

        List<Map<String, Object>> rows = ReadResults.readAll(reader);

        assertThat(rows).hasSize(3);
        assertThat(reader.schema().fields())
                .containsExactly(
                        LakeField.nullable("column with known type", LakeType.STRING),
                        LakeField.nullable("column with unknown type", LakeType.BINARY));
        assertThat(rows.get(0)).containsEntry("column with known type", "known string 1");
        assertThat((byte[]) rows.get(0).get("column with unknown type"))
                .asString()
                .isEqualTo("unknown string 1");
        assertThat(reader.facts()).containsEntry("read.unknownLogicalTypes", "column with unknown type");
    }

    @Test
    void anEmptyDataPageV2IsNotDecompressed() {
        List<Map<String, Object>> rows = read("datapage_v2_empty_datapage.snappy.parquet");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("value", null);
    }

    @Test
    void aFileWithoutRowsIsItsColumnsAndNoRows() {
        ParquetBatchReader reader =
                new ParquetBatchReader(corpus("column_chunk_key_value_metadata.parquet"), ReadOptions.detect());

        assertThat(ReadResults.readAll(reader)).isEmpty();
        assertThat(reader.schema().names()).containsExactly("column1", "column2");
    }

    @Test
    void aDamagedDictionaryIsRefusedNamingRowGroupColumnAndEncodings() {
        Path file = corpus("nation.dict-malformed.parquet");

        assertThatThrownBy(() -> read("nation.dict-malformed.parquet"))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(file + ": row group 1, column '")
                .hasMessageContaining("the data page (encoding PLAIN_DICTIONARY) at byte 421 holds 28 bytes")
                .hasMessageContaining("run past the end of its column chunk")
                .hasMessageNotContaining("footer");
    }

    @Test
    void aPageThatWouldDecompressToMoreThanTheLimitIsRefusedBeforeDecompressing() {
        Path file = corpus("large_string_map.brotli.parquet");

        assertThatThrownBy(() -> read("large_string_map.brotli.parquet"))
                .isInstanceOf(ReadFailedException.class)
                .hasMessageStartingWith(file + ": row group 1, column 'arr.key_value.key': the page at byte ")
                .hasMessageContaining("decompresses to 1073741828 bytes, more than this reader's limit of 256 MiB");
    }
}
