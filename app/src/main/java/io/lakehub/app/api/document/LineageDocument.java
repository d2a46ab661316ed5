package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where one commit's rows came from; {@code source_uri} has credentials redacted.
 *
 * @param read what the reader learnt about the source, from the snapshot's {@code read.*}
 *     properties without the prefix: {@code charset}, {@code delimiter}, {@code quote}, {@code
 *     escape}, {@code linesSkipped} (title or junk lines before the header), {@code commentLines},
 *     {@code badRows}, {@code duplicateKeys}, ...; empty when the source reported nothing
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LineageDocument(
        long snapshotId,
        String sourceSystem,
        String sourceUri,
        String pipeline,
        String time,
        long rowCount,
        String contentHash,
        java.util.Map<String, String> read) {

    public LineageDocument {
        read = read == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(read));
    }

    /** The {@code read.*} facts among a snapshot's properties, without the prefix. */
    public static java.util.Map<String, String> readFacts(java.util.Map<String, String> properties) {
        java.util.Map<String, String> facts = new java.util.TreeMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith("read.")) {
                facts.put(k.substring("read.".length()), v);
            }
        });
        return facts;
    }
}
