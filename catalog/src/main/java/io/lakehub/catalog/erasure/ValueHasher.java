package io.lakehub.catalog.erasure;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of erased values (HMAC-SHA256 over the value's UTF-8 bytes, lower-case hex): what the
 * catalog and the audit journal keep instead of the values. With the key, a later request can show
 * that a given value was erased; without it, the hashes reveal nothing (no dictionary attack on
 * short values such as phone numbers). Thread-safe.
 */
public final class ValueHasher {
    /** The property naming the key. */
    public static final String PROPERTY = "lakehub.pii.hash-key";

    /** The environment variable naming the key. */
    public static final String ENVIRONMENT = "LAKEHUB_PII_HASH_KEY";

    /** Keys shorter than this are refused: HMAC's strength is the key's. */
    public static final int MIN_KEY_BYTES = 16;

    private final SecretKeySpec key;

    /**
     * @param key the secret, at least {@link #MIN_KEY_BYTES} bytes of UTF-8
     * @throws IllegalArgumentException when the key is missing or too short (names the property)
     */
    public ValueHasher(String key) {
        if (key == null || key.isBlank()) {
            throw new MissingHashKeyException();
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The erasure hash key (" + PROPERTY + " / environment " + ENVIRONMENT
                    + ") is " + bytes.length + " bytes long; use at least " + MIN_KEY_BYTES
                    + " random bytes (e.g. openssl rand -hex 32).");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** HMAC-SHA256 of {@code value}, lower-case hex. */
    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** No key configured: erasures are refused, because the audit journal could only keep the values. */
    public static final class MissingHashKeyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public MissingHashKeyException() {
            super("Erasure refused: no hash key is configured. The audit journal records erasures with keyed hashes"
                    + " (HMAC-SHA256) of the values, never the values; set " + PROPERTY + " or the environment"
                    + " variable " + ENVIRONMENT + " to a secret of at least " + MIN_KEY_BYTES
                    + " bytes (e.g. openssl rand -hex 32) and keep it: it is needed to check a value against the"
                    + " journal later.");
        }
    }
}
