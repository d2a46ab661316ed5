/**
 * Erasure of personal data (GDPR/CCPA, ADR 0031): rows whose key column holds one of the requested
 * values become invisible to every query in the transaction that records the request ({@link
 * io.lakehub.catalog.erasure.ErasureLedger#record}), then {@link io.lakehub.catalog.erasure.Erasures}
 * rewrites every file of the dataset and of its companions ({@code <dataset>__*}) that still holds
 * them, old snapshots included, and {@link io.lakehub.catalog.erasure.ErasureVerifier} proves that no
 * file the catalog knows, nor any other file in the datasets' folders, still contains a value. The
 * catalog and the audit journal keep keyed hashes of the values ({@link
 * io.lakehub.catalog.erasure.ValueHasher}), never the values, once an erasure is finished. Nothing
 * here logs a value.
 */
package io.lakehub.catalog.erasure;
