package io.lakehub.schedules.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * The validated pipelines of one configuration file, in file order.
 *
 * @param file the file as the user named it
 * @param pipelines its pipelines; empty when the file declares none
 */
public record PipelineConfig(String file, List<PipelineDefinition> pipelines) {

    public PipelineConfig {
        pipelines = List.copyOf(pipelines);
    }

    public Optional<PipelineDefinition> pipeline(String id) {
        return pipelines.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
