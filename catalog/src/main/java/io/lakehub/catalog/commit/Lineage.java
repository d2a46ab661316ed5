package io.lakehub.catalog.commit;

/**
 * Where a commit's rows came from.
 *
 * @param sourceSystem e.g. {@code inbox}, {@code cli}, {@code http}, later {@code postgresql}, {@code kafka}
 * @param sourceUri path or URI of the source; credentials must already be redacted (see
 *     {@link io.lakehub.catalog.commit.Redaction#redactUri(String)})
 * @param pipeline pipeline id, or {@code null} for ad-hoc ingests
 * @param contentHash {@code sha256:<hex>} of the source bytes, used to make re-delivery a no-op
 */
public record Lineage(String sourceSystem, String sourceUri, String pipeline, String contentHash) {}
