/**
 * Erasure in the hub and the CLI (ADR 0031): {@link io.lakehub.app.erasure.ErasureService} records
 * erasures (rows invisible at once), rewrites their files on a background thread in the hub (at
 * once, before the command returns, in a CLI command on a home no hub holds), finishes erasures a
 * crash interrupted when the hub starts, and verifies values. The hash key comes from {@code
 * lakehub.pii.hash-key} or the environment variable {@code LAKEHUB_PII_HASH_KEY}. Nothing here logs
 * a value.
 */
package io.lakehub.app.erasure;
