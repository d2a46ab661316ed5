package io.lakehub.vector.testing;

import io.lakehub.vector.embed.EmbeddingException;
import io.lakehub.vector.embed.EmbeddingProvider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a provider, counting the texts it embeds; can be told to fail like a server that is down. */
public final class CountingProvider implements EmbeddingProvider {

    private final EmbeddingProvider delegate;
    private final AtomicInteger texts = new AtomicInteger();
    private volatile boolean failing;
    private volatile int failAfter = Integer.MAX_VALUE;

    public CountingProvider(EmbeddingProvider delegate) {
        this.delegate = delegate;
    }

    public int embeddedTexts() {
        return texts.get();
    }

    public void reset() {
        texts.set(0);
    }

    public void failing(boolean value) {
        failing = value;
    }

    /** Fails the call that would take the count of embedded texts past {@code texts}, like a crash part-way. */
    public void failAfter(int texts) {
        failAfter = texts;
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public String modelVersion() {
        return delegate.modelVersion();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public float[][] embed(List<String> list) {
        if (failing) {
            throw new EmbeddingException("embedding server http://127.0.0.1:9/ is unreachable (test)");
        }
        if (texts.get() + list.size() > failAfter) {
            throw new EmbeddingException("the embedding process died after " + texts.get() + " texts (test)");
        }
        texts.addAndGet(list.size());
        return delegate.embed(list);
    }
}
