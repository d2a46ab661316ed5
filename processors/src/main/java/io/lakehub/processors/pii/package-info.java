/**
 * PII detection: classifies the columns of a table (or a stream of Arrow batches) as one of the
 * {@link io.lakehub.processors.pii.PiiType}s or as not PII, from a bounded sample of the values
 * checked with validators (Luhn, mod-97, libphonenumber, SSN area rules, name and medical lexicons)
 * combined with hints from the column name. A name never outweighs content that contradicts it.
 *
 * <p>{@link io.lakehub.processors.pii.PiiScanner} scans a whole table batch by batch; {@link
 * io.lakehub.processors.pii.ColumnScanner} one column value by value; {@link
 * io.lakehub.processors.pii.PiiValidators} and {@link io.lakehub.processors.pii.PiiText} are the
 * per-value checks they use. No Spring, no Camel: the chain step, the catalog storage and the CLI
 * build on this package. Nothing here logs or puts a scanned value into an exception message. See
 * ADR 28 and docs/pii.md.
 */
package io.lakehub.processors.pii;
