/**
 * Declarative pipelines: the {@code lakehub.pipelines} section of {@code config/lakehub.yaml}, read
 * and validated by {@link io.lakehub.schedules.pipeline.PipelineConfigLoader} into {@link
 * io.lakehub.schedules.pipeline.PipelineDefinition}s. Every problem in the file is reported at once,
 * each with file, line and key path, before anything starts. Secrets come from environment
 * placeholders and are held in {@link io.lakehub.schedules.pipeline.Secret}, which never prints them;
 * {@link io.lakehub.schedules.pipeline.WebhookAuthentication} checks a webhook call against one.
 */
package io.lakehub.schedules.pipeline;
