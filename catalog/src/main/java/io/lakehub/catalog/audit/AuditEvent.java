package io.lakehub.catalog.audit;

import java.time.Instant;

/**
 * One journal entry.
 *
 * @param seq 1, 2, 3, ... without gaps
 * @param actor who did it ({@code cli}, {@code inbox}, {@code http}, {@code system})
 * @param action dotted verb, e.g. {@code dataset.commit}, {@code ingest.refused},
 *     {@code ingest.duplicate}, {@code schema.change}, {@code config.change}
 * @param entity what it touched, e.g. {@code dataset:people}
 * @param details a JSON object with the specifics (never PII values or credentials)
 * @param prevHash hash of event {@code seq-1}; 64 zeros for the first event
 * @param hash hex SHA-256 over prevHash and this event's fields
 */
public record AuditEvent(
        long seq,
        Instant time,
        String actor,
        String action,
        String entity,
        String details,
        String prevHash,
        String hash) {}
