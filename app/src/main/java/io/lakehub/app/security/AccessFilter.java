package io.lakehub.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of {@code /api/*} and {@code /actuator/*}: requires an API key once keys are configured
 * (401 with a JSON error otherwise), refuses state-changing cross-origin browser requests, and, on a
 * hub without keys, requests that name the hub by a non-loopback host (DNS rebinding). Exempt from
 * the key: webhooks and pipeline triggers (their own per-pipeline signatures), the health endpoint,
 * and the OpenAPI document and page.
 */
final class AccessFilter extends OncePerRequestFilter {

    private static final Pattern TRIGGER = Pattern.compile("/api/pipelines/[^/]+/trigger/?");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final ApiKeys keys;
    private final boolean loopbackOnly;

    /** @param loopbackOnly the hub runs without keys on loopback: requests must name a loopback host */
    AccessFilter(ApiKeys keys, boolean loopbackOnly) {
        this.keys = keys;
        this.loopbackOnly = loopbackOnly;
    }

    static boolean exemptFromKey(String path) {
        return path.startsWith("/api/webhooks/")
                || TRIGGER.matcher(path).matches()
                || path.equals("/api/openapi.json")
                || path.startsWith("/api/openapi.json/")
                || path.equals("/api/docs")
                || path.startsWith("/api/docs/")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean signed =
                path.startsWith("/api/webhooks/") || TRIGGER.matcher(path).matches();
        if (!signed) {
            Optional<String> refusal = browserRefusal(request);
            if (refusal.isPresent()) {
                error(response, HttpServletResponse.SC_FORBIDDEN, refusal.get());
                return;
            }
        }
        if (keys.enabled() && !exemptFromKey(path)) {
            String key = presentedKey(request);
            if (key == null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"lakehub\"");
                error(
                        response,
                        HttpServletResponse.SC_UNAUTHORIZED,
                        "This hub requires an API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'"
                                + " (the CLI sends LAKEHUB_API_KEY; see docs/security.md).");
                return;
            }
            Optional<Caller> caller = keys.authenticate(key);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"lakehub\", error=\"invalid_token\"");
                error(response, HttpServletResponse.SC_UNAUTHORIZED, "The API key is not valid on this hub.");
                return;
            }
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
        }
        chain.doFilter(request, response);
    }

    /**
     * Why a browser-driven request must not reach the API: a state-changing request from another
     * origin (a page elsewhere posting to the hub), or, on a keyless loopback hub, a host name that
     * is not loopback (a DNS-rebound page).
     */
    private Optional<String> browserRefusal(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (loopbackOnly && host != null && !LOOPBACK_HOSTS.contains(hostName(host))) {
            return Optional.of("This hub serves loopback only and answers requests addressed to localhost,"
                    + " 127.0.0.1 or [::1], not to '" + hostName(host) + "'.");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String originAuthority = authority(origin);
        if (host == null || originAuthority == null || !originAuthority.equalsIgnoreCase(host.strip())) {
            return Optional.of("Cross-origin request refused: a page from " + origin + " may not change anything"
                    + " on this hub. Call the API from the hub's own console, the CLI or a client without an"
                    + " Origin header.");
        }
        return Optional.empty();
    }

    private static String authority(String origin) {
        try {
            URI uri = URI.create(origin.strip());
            return uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null; // "null" or garbage: not this hub
        }
    }

    private static String hostName(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String header = request.getHeader("X-Api-Key");
        return header == null || header.isBlank() ? null : header.strip();
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":" + jsonString(message) + "}");
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
