package io.lakehub.processors.read.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A Parquet footer read directly (Thrift), for when parquet-java's own reading of it failed: to
 * tell a missing or damaged footer from a valid one parquet-java cannot convert, and to drop
 * logical type annotations newer than parquet-java knows (the Thrift union arrives with no field
 * set), so that those columns read as their physical type.
 */
final class ParquetFooter {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final FileMetaData thrift;

    private ParquetFooter(FileMetaData thrift) {
        this.thrift = thrift;
    }

    /** The footer of the file open on {@code channel}; throws if there is no decodable one. */
    static ParquetFooter read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new IOException("the file is too short for a Parquet footer");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, tail, size - 8);
        int length = tail.getInt(0);
        byte[] magic = new byte[4];
        tail.get(4, magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("the file does not end with the Parquet magic bytes");
        }
        if (length <= 0 || length > size - 12) {
            throw new IOException("the footer length " + length + " does not fit the file");
        }
        ByteBuffer footer = ByteBuffer.allocate(length);
        readFully(channel, footer, size - 8 - length);
        return new ParquetFooter(Util.readFileMetaData(new ByteArrayInputStream(footer.array())));
    }

    /** Removes logical types of a kind this parquet-java does not know; returns the columns that had one. */
    List<String> dropUnknownLogicalTypes() {
        List<String> columns = new ArrayList<>();
        for (SchemaElement e : thrift.getSchema()) {
            if (e.isSetLogicalType() && e.getLogicalType().getSetField() == null) {
                e.unsetLogicalType();
                columns.add(e.getName());
            }
        }
        return columns;
    }

    /** The footer as parquet-java's metadata. */
    ParquetMetadata metadata() throws IOException {
        return new ParquetMetadataConverter().fromParquetMetadata(thrift);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        buf.flip();
    }
}
