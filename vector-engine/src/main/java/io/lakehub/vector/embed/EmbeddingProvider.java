package io.lakehub.vector.embed;

import java.util.List;

/**
 * Turns texts into vectors. Implementations return one L2-normalised vector of {@link #dimensions()} floats per text,
 * in the order of the texts, and are safe to call from several threads.
 */
public interface EmbeddingProvider extends AutoCloseable {

    /** The model's name as recorded in an index (e.g. {@code all-MiniLM-L6-v2-q}, {@code nomic-embed-text}). */
    String modelName();

    /** The model's version; an index built with another version is rebuilt (it is part of the signature). */
    String modelVersion();

    /** The length of every vector this provider returns. */
    int dimensions();

    /**
     * Embeds the texts.
     *
     * @param texts the texts, none {@code null} (an empty text gets a valid vector)
     * @return one unit-length vector per text, in order
     * @throws EmbeddingException when the model or server fails; the message names it and the cause is kept
     */
    float[][] embed(List<String> texts);

    /** A short description for messages and logs: model and where it runs, never credentials. */
    default String describe() {
        return modelName() + " " + modelVersion() + " (" + dimensions() + "-d)";
    }

    @Override
    default void close() {}
}
