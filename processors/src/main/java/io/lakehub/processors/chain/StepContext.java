package io.lakehub.processors.chain;

import io.lakehub.catalog.DatasetName;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a {@link Step} learns about the ingest it is part of.
 *
 * @param name the step's name in this chain ({@code drop-columns}, {@code rename-columns}, a class's
 *     or processor bean's declared name, made unique within the chain with {@code -2}, {@code -3}
 *     ...); its report is recorded under {@code step.<name>.*}
 * @param dataset the dataset the batches land in
 * @param pipeline the pipeline id, or {@code null} for an ingest outside a pipeline (CLI, HTTP,
 *     inbox)
 * @param options the step's {@code options:} from the pipeline YAML (values as strings); empty when
 *     none were given
 * @param allocator for batches the step creates; the step closes what it allocates in {@link
 *     Step#close()}
 */
public record StepContext(
        String name, DatasetName dataset, String pipeline, Map<String, String> options, BufferAllocator allocator) {

    public StepContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        options = Map.copyOf(options);
        Objects.requireNonNull(allocator, "allocator");
    }

    /** The option's value, or {@code fallback} when it was not given. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
