package io.lakehub.vector.embed;

/** An embedding model or server failed; the message names which (never the texts), the cause is kept. */
public final class EmbeddingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
