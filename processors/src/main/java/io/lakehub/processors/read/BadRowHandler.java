package io.lakehub.processors.read;

/**
 * Receives the rows a reader could not read, on the reading thread, in source order. A reader
 * without a handler fails the source on its first bad row with a {@link ReadFailedException} (the
 * {@code on_bad_rows: fail} behaviour); with one, it reports the row here, skips it and goes on.
 * The handler may throw (e.g. a {@link ReadFailedException} when too many rows are bad): the
 * exception ends the read and nothing from the source is committed.
 */
@FunctionalInterface
public interface BadRowHandler {

    void handle(BadRow row);
}
