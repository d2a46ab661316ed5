package io.lakehub.schedules.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret read from an environment variable. It prints as {@code ***} everywhere ({@link
 * #toString()}), so a definition holding it can be logged; only {@link #reveal()} gives the value,
 * and comparisons are constant-time. Deliberately not a record and without {@code equals}: a
 * secret is checked with {@link #matches}, never compared as a value.
 */
public final class Secret {

    private final String value;
    private final String variable;
    private final SecretKeySpec key;

    /**
     * @param value the secret itself; not blank
     * @param variable the environment variable it came from, for messages
     */
    public Secret(String value, String variable) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A secret cannot be blank (from " + variable + ")");
        }
        this.value = value;
        this.variable = variable;
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The environment variable the secret was read from; safe to show. */
    public String variable() {
        return variable;
    }

    /** The secret itself, for the code that must use it; never log or store the result. */
    public String reveal() {
        return value;
    }

    /**
     * Whether {@code candidate} is this secret. Compares SHA-256 digests in constant time, so
     * neither the content nor the length of the secret leaks through timing.
     */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(value), sha256(candidate));
    }

    /**
     * HMAC-SHA256 of {@code data} keyed with this secret. The {@link Mac} is kept per thread: looking
     * it up through the security providers on every webhook request cost more than the HMAC itself.
     */
    public byte[] hmacSha256(byte[] data) {
        try {
            Mac mac = HMAC.get();
            mac.init(key);
            return mac.doFinal(data);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused the secret from " + variable + " as a key", e);
        }
    }

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    });

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
