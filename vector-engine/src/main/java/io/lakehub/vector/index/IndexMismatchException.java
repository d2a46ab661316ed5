package io.lakehub.vector.index;

/** An existing index cannot be used as asked (another dimension, a file of another format); the message says why. */
public final class IndexMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IndexMismatchException(String message) {
        super(message);
    }
}
