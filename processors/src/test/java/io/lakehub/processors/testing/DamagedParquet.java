package io.lakehub.processors.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.parquet.ParquetBatchWriter;
import io.lakehub.processors.parquet.ParquetCodec;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;

/**
 * Damaged Parquet files for the tests of the read path's refusals: a valid file written by the
 * hub's own writer (uncompressed, so page bodies can be edited; {@value #ROWS} rows of {@code id
 * bigint} and a dictionary-encoded {@code city string}, one row group, v1 data pages), then one
 * kind of damage.
 */
public final class DamagedParquet {
    public static final int ROWS = 1000;

    /** What is broken. */
    public enum Damage {
        /** A data page header of {@code id} declares one value more than it holds. */
        VALUE_COUNT,
        /** Inside the first data page of {@code id}: the definition levels' length is nonsense. */
        PAGE_DATA,
        /** The dictionary ids of {@code city} claim a bit width of 127 (at most 32 is valid). */
        BIT_WIDTH,
        /** The first page header of {@code id} is overwritten with garbage. */
        PAGE_HEADER,
        /** The footer length points before the start of the file. */
        FOOTER
    }

    private DamagedParquet() {}

    /** A valid file, {@code dir/name}. */
    public static Path valid(Path dir, String name) throws IOException {
        LakeSchema schema =
                LakeSchema.of(LakeField.nullable("id", LakeType.BIGINT), LakeField.nullable("city", LakeType.STRING));
        String[] cities = {"Oslo", "Lima", "Pune", "Kyiv"};
        Path scratch = Files.createDirectories(dir.resolve(".writer-" + name));
        NewDataFile written;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator);
                ParquetBatchWriter writer = ParquetBatchWriter.create(
                        schema,
                        ParquetWriteOptions.defaults().withCodec(ParquetCodec.UNCOMPRESSED),
                        scratch,
                        scratch.resolve("out"))) {
            batch.allocateNew();
            BigIntVector id = (BigIntVector) batch.getVector(0);
            VarCharVector city = (VarCharVector) batch.getVector(1);
            for (int r = 0; r < ROWS; r++) {
                id.setSafe(r, r);
                city.setSafe(r, cities[r % cities.length].getBytes(StandardCharsets.UTF_8));
            }
            batch.setRowCount(ROWS);
            writer.write(batch);
            written = writer.finish();
        }
        Path file = dir.resolve(name);
        Files.move(scratch.resolve(written.relativePath()), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A file with {@code damage}, {@code dir/<damage>.parquet}. */
    public static Path damaged(Path dir, Damage damage) throws IOException {
        Path file = valid(dir, damage.name().toLowerCase(java.util.Locale.ROOT) + ".parquet");
        byte[] bytes = Files.readAllBytes(file);
        // The footer through parquet-format's Thrift classes: parquet-java's footer readers touch Hadoop.
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        FileMetaData footer =
                Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - footerLength, footerLength));
        ColumnMetaData id =
                footer.getRow_groups().getFirst().getColumns().get(0).getMeta_data();
        ColumnMetaData city =
                footer.getRow_groups().getFirst().getColumns().get(1).getMeta_data();
        switch (damage) {
            case VALUE_COUNT -> {
                int at = (int) id.getData_page_offset();
                Header h = header(bytes, at);
                assertThat(h.page.getType()).isEqualTo(PageType.DATA_PAGE);
                int declared = h.page.getData_page_header().getNum_values();
                // Re-encoded, the header must keep its length; one more value does (a varint of the same size).
                h.page.getData_page_header().setNum_values(declared + 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Util.writePageHeader(h.page, out);
                assertThat(out.size()).isEqualTo(h.length);
                System.arraycopy(out.toByteArray(), 0, bytes, at, h.length);
            }
            case PAGE_DATA -> {
                int body = bodyOf(bytes, id);
                ByteBuffer.wrap(bytes, body, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFF_FFF0);
            }
            case BIT_WIDTH -> {
                assertThat(city.getEncodings()).contains(Encoding.PLAIN_DICTIONARY);
                int body = bodyOf(bytes, city);
                int levels = ByteBuffer.wrap(bytes, body, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt();
                int bitWidth = body + 4 + levels;
                assertThat(bytes[bitWidth]).isBetween((byte) 1, (byte) 32);
                bytes[bitWidth] = 127;
            }
            case PAGE_HEADER -> {
                int at = (int)
                        (id.isSetDictionary_page_offset() ? id.getDictionary_page_offset() : id.getData_page_offset());
                for (int i = 0; i < 12; i++) {
                    bytes[at + i] = (byte) 0xFF;
                }
            }
            case FOOTER ->
                ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(bytes.length * 2);
        }
        Files.write(file, bytes);
        return file;
    }

    private record Header(PageHeader page, int length) {}

    private static Header header(byte[] bytes, int at) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, at, bytes.length - at);
        int before = in.available();
        PageHeader page = Util.readPageHeader(in);
        return new Header(page, before - in.available());
    }

    /** Where the first data page's body (after its header) starts. */
    private static int bodyOf(byte[] bytes, ColumnMetaData chunk) throws IOException {
        int at = (int) chunk.getData_page_offset();
        Header h = header(bytes, at);
        assertThat(h.page.getType()).isEqualTo(PageType.DATA_PAGE);
        return at + h.length;
    }
}
