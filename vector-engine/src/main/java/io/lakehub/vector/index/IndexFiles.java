package io.lakehub.vector.index;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.chunk.ContentHash;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The index directory: {@code mapping.bin} (model, parameters, rows, the ordinal ↔ (row key, chunk) mapping, content
 * hashes and chunk texts, CRC-32 checked), {@code graph-<generation>.jvg} (jvector's on-disk format with the vectors
 * inline) and {@code state.bin} (the last signature). Each is written to a temporary file, forced to disk and renamed
 * atomically; {@code mapping.bin} names its graph file, so renaming it is the commit point.
 */
final class IndexFiles {

    static final String MAPPING = "mapping.bin";
    static final String STATE = "state.bin";
    private static final int MAGIC = 0x4C485658; // "LHVX"
    private static final int VERSION = 1;

    private IndexFiles() {}

    /** What {@code mapping.bin} holds, without the graph. */
    record Mapping(
            long generation,
            String modelName,
            String modelVersion,
            int dimensions,
            ChunkingParams chunking,
            GraphParams graphParams,
            String graphFile,
            long buildMillis,
            String[] keys,
            int[] chunkIndexes,
            String[] texts,
            ContentHash[] chunkHashes,
            Map<String, IndexSnapshot.RowEntry> rows) {}

    static String graphFileName(long generation) {
        return "graph-" + generation + ".jvg";
    }

    static void writeMapping(Path dir, IndexSnapshot s) throws IOException {
        Path tmp = dir.resolve(MAPPING + ".tmp");
        CRC32 crc = new CRC32();
        try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(file, crc), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(s.generation);
            writeString(out, s.modelName);
            writeString(out, s.modelVersion);
            out.writeInt(s.dimensions);
            out.writeInt(s.chunking.maxChars());
            out.writeInt(s.chunking.overlapChars());
            GraphParams g = s.graphParams;
            out.writeInt(g.maxDegree());
            out.writeInt(g.beamWidth());
            out.writeFloat(g.neighborOverflow());
            out.writeFloat(g.alpha());
            out.writeBoolean(g.hierarchy());
            out.writeInt(g.overquery());
            writeString(out, s.graphFile == null ? "" : s.graphFile);
            out.writeLong(s.buildMillis);
            out.writeInt(s.rows.size());
            for (Map.Entry<String, IndexSnapshot.RowEntry> row : s.rows.entrySet()) {
                writeString(out, row.getKey());
                out.write(row.getValue().rowHash().toBytes());
                out.writeInt(row.getValue().first());
                out.writeInt(row.getValue().count());
            }
            out.writeInt(s.keys.length);
            for (int i = 0; i < s.keys.length; i++) {
                out.writeInt(s.chunkIndexes[i]);
                out.write(s.chunkHashes[i].toBytes());
                writeString(out, s.texts[i]);
            }
            out.flush();
            file.getChannel().force(true);
            // The checksum covers everything above; written after it, outside the checked stream.
            file.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
            file.getChannel().force(true);
        }
        Files.move(tmp, dir.resolve(MAPPING), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Mapping readMapping(Path dir) throws IOException {
        Path path = dir.resolve(MAPPING);
        long size = Files.size(path);
        if (size < 16) {
            throw new IndexMismatchException(path + " is too short to be a Lakehub vector index mapping");
        }
        CRC32 crc = new CRC32();
        try (InputStream file = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        new CheckedInputStream(new LimitedInput(file, size - 8), crc), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IndexMismatchException(path + " is not a Lakehub vector index mapping (bad magic number)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IndexMismatchException(
                        path + " has format version " + version + "; this Lakehub reads version " + VERSION);
            }
            long generation = in.readLong();
            String modelName = readString(in);
            String modelVersion = readString(in);
            int dimensions = in.readInt();
            ChunkingParams chunking = new ChunkingParams(in.readInt(), in.readInt());
            GraphParams graphParams = new GraphParams(
                    in.readInt(), in.readInt(), in.readFloat(), in.readFloat(), in.readBoolean(), in.readInt());
            String graphFile = readString(in);
            long buildMillis = in.readLong();
            int rowCount = in.readInt();
            Map<String, IndexSnapshot.RowEntry> rows = LinkedHashMap.newLinkedHashMap(rowCount);
            int chunkTotal = 0;
            for (int i = 0; i < rowCount; i++) {
                String key = readString(in);
                ContentHash hash = readHash(in);
                IndexSnapshot.RowEntry row = new IndexSnapshot.RowEntry(hash, in.readInt(), in.readInt());
                rows.put(key, row);
                chunkTotal += row.count();
            }
            int n = in.readInt();
            if (n != chunkTotal) {
                throw new IndexMismatchException(
                        path + " is inconsistent: its rows have " + chunkTotal + " chunks but it lists " + n);
            }
            String[] keys = new String[n];
            int[] chunkIndexes = new int[n];
            String[] texts = new String[n];
            ContentHash[] hashes = new ContentHash[n];
            for (int i = 0; i < n; i++) {
                chunkIndexes[i] = in.readInt();
                hashes[i] = readHash(in);
                texts[i] = readString(in);
            }
            for (Map.Entry<String, IndexSnapshot.RowEntry> row : rows.entrySet()) {
                for (int o = row.getValue().first();
                        o < row.getValue().first() + row.getValue().count();
                        o++) {
                    keys[o] = row.getKey();
                }
            }
            if (in.read() != -1) {
                throw new IndexMismatchException(path + " has unexpected bytes after its last chunk");
            }
            long expected;
            try (InputStream tail = Files.newInputStream(path)) {
                tail.skipNBytes(size - 8);
                expected = new DataInputStream(tail).readLong();
            }
            if (expected != crc.getValue()) {
                throw new IndexMismatchException(path + " is damaged (CRC-32 mismatch): rebuild the index");
            }
            return new Mapping(
                    generation,
                    modelName,
                    modelVersion,
                    dimensions,
                    chunking,
                    graphParams,
                    graphFile.isEmpty() ? null : graphFile,
                    buildMillis,
                    keys,
                    chunkIndexes,
                    texts,
                    hashes,
                    rows);
        } catch (EOFException e) {
            throw new IndexMismatchException(path + " is truncated: rebuild the index (" + e + ")");
        }
    }

    /** Writes the last signature and source snapshot id (small; rewritten by refreshes that change nothing). */
    static void writeState(Path dir, IndexSignature signature, String snapshotId) throws IOException {
        Path tmp = dir.resolve(STATE + ".tmp");
        try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                DataOutputStream out = new DataOutputStream(file)) {
            writeString(out, signature == null ? "" : signature.hex());
            writeString(out, snapshotId == null ? "" : snapshotId);
            out.flush();
            file.getChannel().force(true);
        }
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces the folder's entries (names of the files renamed into it) to disk, where the platform can. */
    static void forceDirectory(Path dir) throws IOException {
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its renames are durable once done.
            if (!System.getProperty("os.name", "")
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("win")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    /** The last signature, or {@code null} if none was recorded. */
    static IndexSignature readSignature(Path dir) throws IOException {
        Path path = dir.resolve(STATE);
        if (!Files.exists(path)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(path))) {
            String hex = readString(in);
            return hex.isEmpty() ? null : new IndexSignature(hex);
        } catch (EOFException e) {
            return null; // a torn state file only costs a hash comparison on the next refresh
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IndexMismatchException("a string of negative length " + length + " in the mapping file");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static ContentHash readHash(DataInputStream in) throws IOException {
        byte[] bytes = new byte[32];
        in.readFully(bytes);
        return ContentHash.fromBytes(bytes);
    }

    /** The first {@code limit} bytes of a stream (the mapping without its trailing checksum). */
    private static final class LimitedInput extends java.io.FilterInputStream {
        private long left;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
