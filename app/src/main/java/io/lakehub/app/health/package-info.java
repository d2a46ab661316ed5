/**
 * Actuator health contributions ({@code /actuator/health}): whether the catalog database answers
 * ({@code catalog}), the scheduler runs ({@code scheduler}), the lake's disk has room ({@code
 * lakeDiskSpace}), and each pipeline's recent runs ({@code pipelines}); settings under {@code
 * lakehub.health.*}. Each check is cheap and takes no lock an ingest holds, so health answers
 * quickly while the inbox is busy.
 */
package io.lakehub.app.health;
