package io.lakehub.catalog.vectors;

import java.time.Instant;

/**
 * Who builds a vector index now (table {@code vector_build_lease}, migration V15, ADR 0047).
 *
 * @param index the index name
 * @param holder the hub holding the lease (its per-process id)
 * @param jobId the holder's refresh job
 * @param expiresAt when the lease lapses unless renewed
 */
public record BuildLease(String index, String holder, String jobId, Instant expiresAt) {}
