package io.lakehub.catalog.audit;

/**
 * An event to append; the journal assigns sequence, time and hashes.
 *
 * @param details a JSON object, e.g. {@code {"snapshot":12,"rows":1000}}
 */
public record AuditEntry(String actor, String action, String entity, String details) {}
