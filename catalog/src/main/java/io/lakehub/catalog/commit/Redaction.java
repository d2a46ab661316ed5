package io.lakehub.catalog.commit;

import java.util.regex.Pattern;

/** Removes credentials from source URIs before they reach lineage, audit or logs. */
public final class Redaction {
    // Greedy up to the last '@' of the authority: a password may itself contain '@'.
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/\\s]+@");
    // Also the signed-URL parameters of S3 (X-Amz-*) and GCS (X-Goog-*) and OAuth-style tokens.
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)([?&;](?:x-amz-|x-goog-)?(?:password|passwd|pwd"
            + "|secret|token|apikey|api_key|access_key|secret_key|sig|signature|credential|security-token"
            + "|access_token|refresh_token|client_secret)=)[^&;#\\s]*");

    private Redaction() {}

    /**
     * {@code postgresql://bob:pw@host/db?password=x&ssl=true} becomes
     * {@code postgresql://***@host/db?password=***&ssl=true}.
     */
    public static String redactUri(String uri) {
        if (uri == null) {
            return null;
        }
        String s = USER_INFO.matcher(uri).replaceAll("***@");
        return SECRET_PARAM.matcher(s).replaceAll("$1***");
    }
}
