package io.lakehub.app.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The redactions a view applies, as the Java functions registered in DuckDB ({@code
 * lakehub_pii_mask}, {@code lakehub_pii_hash}): computed in Java so the hash key never appears in
 * SQL text, where {@code duckdb_views()} would show it.
 */
public final class Redactions {

    /** SQL function: every character but the last 4 replaced by '*'; values of 4 or fewer characters fully. */
    public static final String MASK_FUNCTION = "lakehub_pii_mask";

    /** SQL function: keyed HMAC-SHA256 of the UTF-8 text, lower-case hex. */
    public static final String HASH_FUNCTION = "lakehub_pii_hash";

    /** Where the hash key comes from (environment: LAKEHUB_PII_HASH_KEY). */
    public static final String HASH_KEY_SETTING = "lakehub.pii.hash-key";

    private Redactions() {}

    public static String mask(String value) {
        int n = value.codePointCount(0, value.length());
        if (n <= 4) {
            return "*".repeat(n);
        }
        return "*".repeat(n - 4) + value.substring(value.offsetByCodePoints(0, n - 4));
    }

    /** HMAC-SHA256 under {@code key}; deterministic, so hashed columns still join. */
    public static UnaryOperator<String> hmac(String key) {
        SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
            }
        });
        return value -> HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
