/**
 * Access to the hub (ADR 0030, docs/security.md): safe by default (loopback only without API keys),
 * API keys hashed at rest mapped to roles, roles cleared for PII types, the column clearance check
 * in front of {@code POST /api/sql}, user views as the way to share cleared data, and the audit of
 * every query (role, datasets, PII columns, never values or SQL text).
 */
package io.lakehub.app.security;
