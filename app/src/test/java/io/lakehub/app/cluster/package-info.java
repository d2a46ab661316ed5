/**
 * Tests of several hubs working as one cluster: separate homes, one PostgreSQL catalog, one shared
 * lake (ADR 0035, docs/scale-out.md).
 */
package io.lakehub.app.cluster;
