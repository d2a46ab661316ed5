package io.lakehub.app.webhooks;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the body of signed requests byte-exact: for {@code POST /api/webhooks/{pipeline}} and {@code
 * POST /api/pipelines/{id}/trigger} it reads the raw bytes from the input stream before anything else
 * can (Spring MVC rebuilds an {@code application/x-www-form-urlencoded} body from the parsed
 * parameters, re-encoded, which broke the HMAC check of curl's default content type), up to {@code
 * lakehub.webhooks.max-body-size} (a longer body is marked too large, never buffered whole), and
 * hands them to the controller as a request attribute ({@link #body}). The request passed on reads
 * the same bytes again and parses no form parameters from the body.
 */
public final class RawBodyFilter extends OncePerRequestFilter {
    private static final String BODY = RawBodyFilter.class.getName() + ".body";

    private final long maxBytes;

    public RawBodyFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Whether this filter keeps the body of {@code method path}. */
    static boolean applies(String method, String path) {
        return "POST".equals(method)
                && (path.startsWith("/api/webhooks/")
                        || (path.startsWith("/api/pipelines/") && path.endsWith("/trigger")));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !applies(
                request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RawBody body;
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            body = new RawBody(null, maxBytes);
        } else {
            body = read(request.getInputStream());
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new Wrapper(request, body.bytes() == null ? new byte[0] : body.bytes()), response);
    }

    private RawBody read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                return new RawBody(null, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return new RawBody(out.toByteArray(), maxBytes);
    }

    /**
     * The raw body the filter kept: its bytes, or empty when it was larger than the limit. Absent
     * (not filtered) reads as an empty body.
     */
    public static Optional<byte[]> body(HttpServletRequest request) throws BodyTooLargeException {
        Object kept = request.getAttribute(BODY);
        if (!(kept instanceof RawBody body)) {
            return Optional.of(new byte[0]);
        }
        if (body.bytes() == null) {
            throw new BodyTooLargeException(body.limit());
        }
        return Optional.of(body.bytes());
    }

    /** The body exceeded {@code lakehub.webhooks.max-body-size}. */
    public static final class BodyTooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        private final long limit;

        BodyTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes (lakehub.webhooks.max-body-size);"
                    + " nothing was written. Send smaller requests.");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private record RawBody(byte[] bytes, long limit) {}

    /** The request with its body served from the kept bytes. */
    private static final class Wrapper extends HttpServletRequestWrapper {
        private final byte[] bytes;

        Wrapper(HttpServletRequest request, byte[] bytes) {
            super(request);
            this.bytes = bytes;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
