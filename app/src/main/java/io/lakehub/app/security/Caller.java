package io.lakehub.app.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who sent a request: the API key's name (none without keys) and its role. The access filter puts it
 * on the request; without it (keys off, or an exempt path) the caller is anonymous with full access.
 */
public record Caller(String keyName, Role role) {

    static final String ATTRIBUTE = Caller.class.getName();

    public static final Caller ANONYMOUS = new Caller(null, Role.ANONYMOUS);

    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        return caller instanceof Caller c ? c : ANONYMOUS;
    }
}
