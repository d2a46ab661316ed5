package io.lakehub.schedules.pipeline;

import io.lakehub.catalog.commit.Redaction;
import java.util.Objects;

/**
 * A Camel endpoint URI from the configuration. {@link #resolved()} has the environment placeholders
 * filled in and is what Camel gets; it may hold a password and is never shown. {@link #toString()}
 * shows the URI as written in the file, placeholders unresolved and any literal credentials masked,
 * so it is safe for logs, lineage and messages.
 *
 * @param template the URI as written, e.g. {@code sql:select * from orders?password=${ORDERS_DB_PASSWORD}}
 * @param resolved the URI with placeholders replaced
 */
public record EndpointUri(String template, String resolved) {

    public EndpointUri {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(resolved, "resolved");
    }

    /** The URI's scheme, which names the Camel component ({@code file}, {@code sql}, ...). */
    public String scheme() {
        return resolved.substring(0, resolved.indexOf(':'));
    }

    /** The URI as written, with credentials masked. */
    public String display() {
        return Redaction.redactUri(template);
    }

    @Override
    public String toString() {
        return display();
    }
}
