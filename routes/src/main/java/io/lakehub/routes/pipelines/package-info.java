/**
 * The Camel routes a declarative pipeline compiles into ({@link
 * io.lakehub.routes.pipelines.PipelineRoute}), built from the Camel-free configuration model in
 * {@code io.lakehub.schedules.pipeline}; what the routes call back into the hub for is {@link
 * io.lakehub.routes.pipelines.PipelineHost}.
 */
package io.lakehub.routes.pipelines;
