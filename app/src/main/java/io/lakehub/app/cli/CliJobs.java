package io.lakehub.app.cli;

import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.RunDocument;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.HubServices;
import io.lakehub.app.hub.JobOperations;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.maintenance.MaintenanceJobs;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.pipelines.OneShotRun;
import io.lakehub.app.pipelines.PipelineConfigFile;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.pipeline.PipelineConfig;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The hub's jobs for a CLI command on a home no hub holds, opened on first use: the pipelines'
 * scheduler on the catalog database (synced with the configuration, as the hub would at start-up,
 * but never started: nothing fires), and the maintenance job beans of {@link MaintenanceJobs},
 * built by a small Spring context over this command's back ends so that the CLI runs exactly the
 * jobs the hub runs. A pipeline runs as {@code ./lakehub pipeline run} runs it ({@link OneShotRun}).
 */
final class CliJobs implements JobOperations, AutoCloseable {
    private final LakehubProperties properties;
    private final HubServices services;
    private DefaultCamelContext camel;
    private HubPipelines pipelines;
    private AnnotationConfigApplicationContext beans;
    private HubJobs jobs;

    CliJobs(LakehubProperties properties, HubServices services) {
        this.properties = properties;
        this.services = services;
    }

    /** Opens the scheduler and the job beans the first time; returns this. */
    synchronized CliJobs open() {
        if (jobs != null) {
            return this;
        }
        try {
            PipelineConfig config = PipelineConfigFile.load(properties);
            camel = new DefaultCamelContext();
            pipelines = new HubPipelines(properties, config, camel);
            beans = jobBeans();
            List<MaintenanceJob> registered =
                    beans.getBeanProvider(MaintenanceJob.class).orderedStream().toList();
            jobs = new HubJobs(
                    pipelines.scheduler(),
                    id -> config.pipeline(id).isPresent(),
                    id -> OneShotRun.run(
                            properties, config, services.ingestService(), services.catalog()::sourcePosition, id),
                    registered,
                    properties);
            return this;
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private AnnotationConfigApplicationContext jobBeans() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        // Singletons registered as objects are never closed by the context: this command owns them.
        context.getBeanFactory().registerSingleton("lakehubProperties", properties);
        context.getBeanFactory().registerSingleton("lakehubCatalog", services.catalog());
        context.register(MaintenanceJobs.class);
        context.refresh();
        return context;
    }

    @Override
    public List<JobDocument> jobs() {
        return open().jobs.jobs();
    }

    @Override
    public RunDocument runJob(String id, String kind) {
        return open().jobs.runJob(id, kind);
    }

    @Override
    public synchronized void close() {
        jobs = null;
        try {
            if (beans != null) {
                beans.close();
            }
        } finally {
            beans = null;
            try {
                if (pipelines != null) {
                    pipelines.close();
                }
            } finally {
                pipelines = null;
                if (camel != null) {
                    try {
                        camel.close();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("Could not stop the command's Camel context", e);
                    } finally {
                        camel = null;
                    }
                }
            }
        }
    }
}
