package io.lakehub.vector.index;

import io.lakehub.vector.chunk.ChunkingParams;
import io.lakehub.vector.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * SHA-256 over what determines an index's content: the source snapshot, the chunking and the model (name, version,
 * dimensions). Equal signatures ⇒ the index is up to date and a refresh has nothing to do (the catalog records it as
 * {@code build_signature}).
 */
public record IndexSignature(String hex) {

    public static IndexSignature of(
            String sourceSnapshotId, ChunkingParams chunking, String modelName, String modelVersion, int dimensions) {
        MessageDigest digest = ContentHash.newDigest();
        for (String part : new String[] {
            "lakehub-vector-index/1",
            String.valueOf(sourceSnapshotId),
            chunking.canonical(),
            modelName,
            modelVersion,
            Integer.toString(dimensions)
        }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((byte) (bytes.length >>> 24));
            digest.update((byte) (bytes.length >>> 16));
            digest.update((byte) (bytes.length >>> 8));
            digest.update((byte) bytes.length);
            digest.update(bytes);
        }
        return new IndexSignature(ContentHash.fromBytes(digest.digest()).hex());
    }

    @Override
    public String toString() {
        return hex;
    }
}
