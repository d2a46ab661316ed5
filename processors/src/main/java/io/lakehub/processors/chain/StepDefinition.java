package io.lakehub.processors.chain;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A step as a pipeline declares it: its name, its options, and how to make a fresh instance for each
 * ingest (steps keep per-ingest state such as counts for their {@link StepReport}).
 *
 * @param name the step's name, used for its report keys ({@code step.<name>.*}); the chain makes
 *     repeated names unique with {@code -2}, {@code -3} ...
 * @param options given to the step as {@link StepContext#options()}
 * @param factory makes a new instance; called once per ingest attempt
 */
public record StepDefinition(String name, Map<String, String> options, Supplier<? extends Step> factory) {

    public StepDefinition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A step name may not be empty");
        }
        options = Map.copyOf(options);
        Objects.requireNonNull(factory, "factory");
    }

    /** A step without options. */
    public static StepDefinition of(String name, Supplier<? extends Step> factory) {
        return new StepDefinition(name, Map.of(), factory);
    }
}
