package io.lakehub.routes.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store backed by the catalog: the engine reads its starting position from the
 * snapshot property a pipeline's commits carry ({@code position.cdc.<pipeline>}, through {@code
 * Catalog::sourcePosition}), so it restarts exactly where the lake's data ends. Writing is a no-op:
 * the position is written by the catalog commit of the rows themselves, in the same transaction,
 * and the engine only flushes offsets of changes the consumer marked processed after that commit.
 * (The flush then confirms the LSN to PostgreSQL, which may recycle the WAL before it.)
 *
 * <p>Debezium creates the store by class name; it finds its pipeline's position through {@link
 * #register} under the engine property {@value #REGISTRATION}.
 */
public final class CatalogOffsetBackingStore implements OffsetBackingStore {
    /** Engine property naming the registration this store reads. */
    public static final String REGISTRATION = "lakehub.cdc.registration";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Supplier<Optional<String>>> REGISTERED = new ConcurrentHashMap<>();

    private Supplier<Optional<String>> position = Optional::empty;

    /** Makes {@code position} (the committed position property's value) readable under {@code registration}. */
    static void register(String registration, Supplier<Optional<String>> position) {
        REGISTERED.put(registration, position);
    }

    static void unregister(String registration) {
        REGISTERED.remove(registration);
    }

    /** The committed position as the JSON the pipeline's snapshots hold: {@code {"partition":{..},"offset":{..}}}. */
    static String encode(Map<String, ?> partition, Map<String, ?> offset) {
        try {
            return JSON.writeValueAsString(Map.of("partition", partition, "offset", offset));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The replication position could not be written as JSON", e);
        }
    }

    @Override
    public void configure(WorkerConfig config) {
        Object registration = config.originals().get(REGISTRATION);
        Supplier<Optional<String>> registered = registration == null ? null : REGISTERED.get(registration.toString());
        if (registered == null) {
            throw new IllegalStateException("The change data capture offset store has no registration '"
                    + registration + "': the lakehub-cdc consumer registers its pipeline's position before"
                    + " starting the engine.");
        }
        this.position = registered;
    }

    @Override
    public void start() {
        // the catalog is the store: nothing to open
    }

    @Override
    public void stop() {
        // nothing held
    }

    @Override
    public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        Optional<String> committed = position.get();
        if (committed.isPresent()) {
            try {
                JsonNode offset = JSON.readTree(committed.get()).path("offset");
                if (offset.isObject()) {
                    byte[] value = JSON.writeValueAsBytes(offset);
                    // One source partition per engine (the database server): every key asked for is it.
                    for (ByteBuffer key : keys) {
                        result.put(key, ByteBuffer.wrap(value));
                    }
                }
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "The committed replication position is not readable JSON; nothing was read or written", e));
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        // Written by the catalog commit of the rows (same transaction); see the class comment.
        if (callback != null) {
            callback.onCompletion(null, null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
