/**
 * What every source format shares: the {@link io.lakehub.processors.read.BatchReader} contract,
 * its lifecycle bookkeeping written once in {@link io.lakehub.processors.read.AbstractBatchReader}
 * (states, batch size, rows read, content hash, close), {@link
 * io.lakehub.processors.read.BatchReaders} which picks a format's reader, format detection, read
 * options, type inference, the Arrow batch builder and the refusals ({@link
 * io.lakehub.processors.read.ReadFailedException} and the exceptions that make the ingest widen a
 * dataset). Each format lives in its own sub-package.
 */
package io.lakehub.processors.read;
