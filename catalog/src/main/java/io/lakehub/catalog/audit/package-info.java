/**
 * The append-only, hash-chained audit journal: every mutation of the hub appends an event whose
 * hash covers the previous event's hash, so an edited or deleted event is detected by
 * {@link io.lakehub.catalog.audit.AuditJournal#verify()}.
 */
package io.lakehub.catalog.audit;
