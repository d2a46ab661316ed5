package io.lakehub.catalog.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's hash: lower-case hex SHA-256 over an unambiguous encoding of an event.
 *
 * <p>Each field is written as a netstring, {@code <byte length>:<UTF-8 bytes>,}, after a version
 * tag, in the order prev_hash, seq, ts_micros, actor, action, entity, details. Length prefixes
 * make the encoding injective: no two different events encode to the same bytes, however their
 * texts are split (plain concatenation would let {@code ("ab","c")} collide with {@code ("a","bc")}).
 */
public final class AuditHash {
    /** The previous hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final String VERSION = "lakehub-audit-v1";

    private AuditHash() {}

    public static String of(
            String prevHash, long seq, long tsMicros, String actor, String action, String entity, String details) {
        MessageDigest sha256 = sha256();
        field(sha256, VERSION);
        field(sha256, prevHash);
        field(sha256, Long.toString(seq));
        field(sha256, Long.toString(tsMicros));
        field(sha256, actor);
        field(sha256, action);
        field(sha256, entity);
        field(sha256, details);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
        digest.update((byte) ',');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java SE runtime must have", e);
        }
    }
}
