package io.lakehub.routes.component;

import io.lakehub.processors.chain.StepDefinition;
import java.util.List;

/**
 * A pipeline's processor steps as one registry bean, for the {@code lakehub:} endpoint's {@code
 * steps} option ({@code steps=#bean:<name>}).
 *
 * @param steps in the order they run
 */
public record StepList(List<StepDefinition> steps) {
    public StepList {
        steps = List.copyOf(steps);
    }
}
