package io.lakehub.app.erasure;

import io.lakehub.app.api.document.ErasureApiRequest;
import io.lakehub.app.api.document.ErasureDocument;
import io.lakehub.app.api.document.ErasureVerificationDocument;
import io.lakehub.app.hub.InvalidRequestException;
import io.lakehub.app.hub.UnknownDatasetException;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.erasure.Erasure;
import io.lakehub.catalog.erasure.ErasureListener;
import io.lakehub.catalog.erasure.ErasureRefusedException;
import io.lakehub.catalog.erasure.ErasureVerifier;
import io.lakehub.catalog.erasure.Erasures;
import io.lakehub.catalog.erasure.ValueHasher;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasures for the API and the CLI. In the hub ({@code background}) the rewrite runs on one
 * background thread after the request is recorded (202: the rows are invisible already); in a CLI
 * command it runs before the request returns. Never logs a value.
 */
public final class ErasureService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ErasureService.class);

    private final Catalog catalog;
    private final Erasures erasures;
    private final ErasureVerifier verifier;
    private final ExecutorService rewriter;

    /**
     * @param hashKey the HMAC key, or null (requests are then refused naming {@link ValueHasher#PROPERTY})
     * @param background rewrite on a background thread (the hub) rather than before returning (the CLI)
     * @throws IllegalArgumentException when a key is given but too short (names the property)
     */
    public ErasureService(Catalog catalog, String hashKey, boolean background, List<ErasureListener> listeners) {
        this.catalog = catalog;
        this.erasures = new Erasures(
                catalog, hashKey == null || hashKey.isBlank() ? null : new ValueHasher(hashKey), listeners);
        this.verifier = new ErasureVerifier(catalog);
        this.rewriter = background
                ? Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "lakehub-erasure");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * The hash key from {@code lakehub.pii.hash-key} (as {@code property} resolves it: Spring's
     * environment in the hub, system properties in the CLI), else the environment variable {@code
     * LAKEHUB_PII_HASH_KEY}; null when neither is set.
     */
    public static String hashKey(Function<String, String> property) {
        String key = property.apply(ValueHasher.PROPERTY);
        if (key == null || key.isBlank()) {
            key = System.getenv(ValueHasher.ENVIRONMENT);
        }
        return key == null || key.isBlank() ? null : key;
    }

    /** The engine underneath (tests inject failures through it). */
    public Erasures erasures() {
        return erasures;
    }

    /** Records the erasure (rows invisible when this returns), then rewrites its files. */
    public ErasureDocument request(String name, ErasureApiRequest request, String actor) {
        DatasetName dataset = existing(name);
        if (request == null) {
            throw new InvalidRequestException(
                    "No erasure given: send {\"key_column\": \"email\", \"values\": [\"...\"], \"reason\": \"...\"}.");
        }
        Erasure e;
        try {
            e = erasures.request(dataset, request.keyColumn(), request.values(), request.reason(), actor);
        } catch (ErasureRefusedException refused) {
            throw new InvalidRequestException(refused.getMessage(), refused);
        }
        if (rewriter == null) {
            return ErasureDocument.of(erasures.finish(e.id()));
        }
        long id = e.id();
        rewriter.execute(() -> finishQuietly(id));
        return ErasureDocument.of(e);
    }

    public ErasureDocument get(String name, long id) {
        DatasetName dataset = DatasetName.of(name);
        Erasure e = erasures.ledger()
                .find(id)
                .filter(x -> x.dataset().equals(dataset.value()))
                .orElseThrow(() -> new UnknownErasureException(name, id));
        return ErasureDocument.of(e);
    }

    public List<ErasureDocument> list(String name) {
        DatasetName dataset = DatasetName.of(name);
        return erasures.ledger().list(dataset).stream().map(ErasureDocument::of).toList();
    }

    public ErasureVerificationDocument verify(String name, String value, String keyColumn) {
        DatasetName dataset = DatasetName.of(name);
        if (catalog.dataset(dataset).isEmpty()
                && !catalog.lakeRoot().resolve(dataset.value()).toFile().isDirectory()) {
            throw new UnknownDatasetException(name);
        }
        try {
            return ErasureVerificationDocument.of(verifier.verify(dataset, value, keyColumn));
        } catch (ErasureRefusedException refused) {
            throw new InvalidRequestException(refused.getMessage(), refused);
        }
    }

    /** Finishes, in the background, the erasures a crash or a failure left unfinished (hub start). */
    public void resumeUnfinished() {
        if (rewriter == null) {
            erasures.finishUnfinished();
        } else {
            rewriter.execute(erasures::finishUnfinished);
        }
    }

    private void finishQuietly(long id) {
        try {
            erasures.finish(id);
        } catch (RuntimeException e) {
            // Recorded on the erasure (GET shows last_error); the rows stay hidden; retried at the next start.
            log.warn(
                    "Erasure {} is not finished: its rows stay hidden from queries but some files still hold them;"
                            + " it is retried at the next start ({})",
                    id,
                    e.toString());
        }
    }

    private DatasetName existing(String name) {
        DatasetName dataset = DatasetName.of(name);
        if (catalog.dataset(dataset).isEmpty()) {
            throw new UnknownDatasetException(name);
        }
        return dataset;
    }

    @Override
    public void close() {
        if (rewriter != null) {
            rewriter.shutdown();
            try {
                if (!rewriter.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("An erasure rewrite was still running at shutdown; it resumes at the next start");
                    rewriter.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rewriter.shutdownNow();
            }
        }
    }
}
