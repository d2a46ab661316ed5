package io.lakehub.schedules.pipeline;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a call to {@code POST /api/pipelines/{id}/trigger} against the pipeline's {@code
 * trigger.secret}, in one of two ways:
 *
 * <ul>
 *   <li>{@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>} (GitHub style), or
 *   <li>{@code Authorization: Bearer <secret>}.
 * </ul>
 *
 * When the signature header is present it decides alone, so a wrong signature cannot be rescued by
 * a token. Comparisons are constant-time. The HTTP layer answers 202 for {@link
 * Verdict#ACCEPTED} and 401 otherwise, with the verdict's reason (which never contains the secret).
 */
public final class WebhookAuthentication {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final String BEARER = "bearer ";

    private WebhookAuthentication() {}

    /** The outcome of a check, with a reason the HTTP layer may send back. */
    public enum Verdict {
        ACCEPTED("authenticated"),
        MISSING("no " + SIGNATURE_HEADER + " or Authorization: Bearer header; the call was refused"),
        MALFORMED_SIGNATURE(SIGNATURE_HEADER + " must be sha256=<64 hex digits of the HMAC-SHA256 of the raw"
                + " body>; the call was refused"),
        BAD_SIGNATURE(
                SIGNATURE_HEADER + " does not match the body for this pipeline's secret; the call was" + " refused"),
        BAD_TOKEN("the bearer token is not this pipeline's secret; the call was refused");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        public boolean accepted() {
            return this == ACCEPTED;
        }
    }

    /**
     * @param secret the pipeline's trigger secret
     * @param rawBody the request body exactly as received (the signature covers these bytes)
     * @param signatureHeader value of {@value #SIGNATURE_HEADER}, or null
     * @param authorizationHeader value of {@code Authorization}, or null
     */
    public static Verdict verify(Secret secret, byte[] rawBody, String signatureHeader, String authorizationHeader) {
        if (signatureHeader != null && !signatureHeader.isBlank()) {
            var m = SIGNATURE.matcher(signatureHeader.strip());
            if (!m.matches()) {
                return Verdict.MALFORMED_SIGNATURE;
            }
            byte[] given = HexFormat.of().parseHex(m.group(1).toLowerCase(Locale.ROOT));
            byte[] expected = secret.hmacSha256(rawBody == null ? new byte[0] : rawBody);
            return MessageDigest.isEqual(expected, given) ? Verdict.ACCEPTED : Verdict.BAD_SIGNATURE;
        }
        if (authorizationHeader != null && authorizationHeader.length() > BEARER.length()) {
            String scheme = authorizationHeader.substring(0, BEARER.length()).toLowerCase(Locale.ROOT);
            if (scheme.equals(BEARER)) {
                String token = authorizationHeader.substring(BEARER.length()).strip();
                return secret.matches(token) ? Verdict.ACCEPTED : Verdict.BAD_TOKEN;
            }
        }
        return Verdict.MISSING;
    }

    /** The header value a sender computes: {@code sha256=<hex>}; for clients and tests. */
    public static String signatureFor(Secret secret, byte[] rawBody) {
        return "sha256=" + HexFormat.of().formatHex(secret.hmacSha256(rawBody));
    }
}
