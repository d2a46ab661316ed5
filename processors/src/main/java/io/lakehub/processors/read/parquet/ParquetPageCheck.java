package io.lakehub.processors.read.parquet;

import io.lakehub.processors.read.ReadFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Checks a row group's page headers before parquet-java reads the row group, so that a damaged
 * file is refused here, naming the file, row group and column, instead of deep inside parquet-java.
 *
 * <p>Why: when the values a column chunk's data pages declare do not add up to the value count in
 * the footer, parquet-java 1.16 ({@code ParquetFileReader.Chunk.readAllPages}) builds its error
 * message with {@code ParquetFileReader.getPath()}, which creates a Hadoop {@code Path}. Without
 * Hadoop on the class path (the hub ships without it) that is a {@code NoClassDefFoundError}
 * instead of an error about the file. This check walks the page headers exactly as that loop does
 * (dictionary and index pages skipped, data pages counted until the footer's count is reached) and
 * refuses the file when the counts differ, so parquet-java never reaches that message. It reads
 * only page headers (tens of bytes per page), never page data.
 */
final class ParquetPageCheck {
    /**
     * The largest page (uncompressed) a reader decompresses: a page is decompressed whole into the
     * heap, and writers cut pages at about 1 MiB, so a larger one is a decompression bomb or a
     * damaged header, refused before the memory is taken.
     */
    static final int MAX_PAGE_BYTES = 256 << 20;

    private ParquetPageCheck() {}

    /**
     * @param rowGroup 1-based, for the message
     * @throws ReadFailedException when a column chunk lies outside the file, a page header cannot be
     *     decoded, or the pages' value counts do not add up to the footer's
     */
    static void check(FileChannel channel, long fileLength, BlockMetaData block, int rowGroup, String label) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            String column = chunk.getPath().toDotString();
            String where = label + ": row group " + rowGroup + ", column '" + column + "': ";
            long start = chunk.getStartingPos();
            long size = chunk.getTotalSize();
            long expected = chunk.getValueCount();
            if (start < 0 || size < 0 || start > fileLength || size > fileLength - start) {
                throw damaged(
                        where + "its column chunk (bytes " + start + " to " + (start + size)
                                + ") lies outside the file of " + fileLength + " bytes",
                        column,
                        null);
            }
            long end = start + size;
            long pos = start;
            long values = 0;
            while (values < expected) {
                if (pos >= end) {
                    throw damaged(
                            where + "its pages hold " + values + " values, the file's footer says " + expected,
                            column,
                            null);
                }
                HeaderStream in = new HeaderStream(channel, pos, end);
                PageHeader header;
                try {
                    header = Util.readPageHeader(in);
                } catch (IOException | RuntimeException e) {
                    throw damaged(where + "the page header at byte " + pos + " cannot be decoded", column, e);
                }
                int compressed = header.getCompressed_page_size();
                if (compressed < 0 || header.getType() == null) {
                    throw damaged(where + "the page header at byte " + pos + " is invalid", column, null);
                }
                int uncompressed = header.getUncompressed_page_size();
                if (uncompressed > MAX_PAGE_BYTES) {
                    throw new ReadFailedException(
                            where + "the page at byte " + in.start + " decompresses to " + uncompressed
                                    + " bytes, more than this reader's limit of " + (MAX_PAGE_BYTES >> 20)
                                    + " MiB per page; nothing of the file was written",
                            0,
                            column);
                }
                pos = in.position() + compressed;
                if (pos > end) {
                    throw damaged(
                            where + "the " + describe(header) + " at byte " + in.start + " holds " + compressed
                                    + " bytes, which run past the end of its column chunk at byte " + end,
                            column,
                            null);
                }
                switch (header.getType()) {
                    case DATA_PAGE -> {
                        if (header.getData_page_header() == null) {
                            throw damaged(
                                    where + "the data page at byte " + in.start + " has no data page header",
                                    column,
                                    null);
                        }
                        values += header.getData_page_header().getNum_values();
                    }
                    case DATA_PAGE_V2 -> {
                        if (header.getData_page_header_v2() == null) {
                            throw damaged(
                                    where + "the data page at byte " + in.start + " has no data page header",
                                    column,
                                    null);
                        }
                        values += header.getData_page_header_v2().getNum_values();
                    }
                    default -> {
                        // dictionary and index pages hold no values of their own
                    }
                }
            }
            if (values != expected) {
                throw damaged(
                        where + "its pages hold " + values + " values, the file's footer says " + expected,
                        column,
                        null);
            }
        }
    }

    /** "dictionary page (encoding PLAIN_DICTIONARY)" and the like, for messages. */
    private static String describe(PageHeader header) {
        org.apache.parquet.format.Encoding encoding = null;
        String kind;
        switch (header.getType()) {
            case DICTIONARY_PAGE -> {
                kind = "dictionary page";
                encoding = header.isSetDictionary_page_header()
                        ? header.getDictionary_page_header().getEncoding()
                        : null;
            }
            case DATA_PAGE -> {
                kind = "data page";
                encoding = header.isSetData_page_header()
                        ? header.getData_page_header().getEncoding()
                        : null;
            }
            case DATA_PAGE_V2 -> {
                kind = "data page v2";
                encoding = header.isSetData_page_header_v2()
                        ? header.getData_page_header_v2().getEncoding()
                        : null;
            }
            default -> kind = "index page";
        }
        return encoding == null ? kind : kind + " (encoding " + encoding + ")";
    }

    private static ReadFailedException damaged(String message, String column, Throwable cause) {
        return new ReadFailedException(
                message + ". The file is damaged (or was cut or edited); nothing of it was written.", 0, column, cause);
    }

    /** Reads forward from {@code start} (never past {@code end}) with positional reads, counting what it hands out. */
    private static final class HeaderStream extends InputStream {
        private final FileChannel channel;
        private final long start;
        private final long end;
        private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();
        private long bufferStart;

        HeaderStream(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.start = start;
            this.end = end;
            this.bufferStart = start;
        }

        /** The file position after the last byte read. */
        long position() {
            return bufferStart + buffer.position();
        }

        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            long next = position();
            if (next >= end) {
                return false;
            }
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - next));
            int n = channel.read(buffer, next);
            buffer.flip();
            bufferStart = next;
            return n > 0;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }
    }
}
