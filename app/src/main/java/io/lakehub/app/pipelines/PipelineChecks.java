package io.lakehub.app.pipelines;

import io.lakehub.processors.source.jdbc.JdbcSource;
import io.lakehub.processors.source.jdbc.JdbcSourceException;
import io.lakehub.processors.source.jdbc.JdbcSourceRefusedException;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import io.lakehub.schedules.pipeline.WriteMode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub itself cannot run yet although the configuration format accepts it, checked at
 * start-up and by {@code ./lakehub validate} so that both refuse the same files.
 */
public final class PipelineChecks {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineChecks.class);

    private PipelineChecks() {}

    /**
     * Problems with an otherwise valid configuration; empty when the hub can run every pipeline. Every
     * mode the format accepts runs today ({@code mode: upsert} with {@code key:} merges on read, ADR
     * 0009); the check stays the one place for what the format accepts but the hub cannot run.
     */
    public static List<ConfigProblem> problems(PipelineConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.pipelines().size(); i++) {
            PipelineDefinition p = config.pipelines().get(i);
            if (p.mode() == WriteMode.UPSERT && p.key().isEmpty()) {
                problems.add(at(
                        p,
                        "lakehub.pipelines[" + i + "].key",
                        "mode upsert needs key: the column(s) that identify a row (pipeline " + p.id() + ", "
                                + p.origin() + "). Nothing was started."));
            }
        }
        problems.addAll(databaseProblems(config));
        problems.addAll(BrokerPipelines.problems(config));
        return problems;
    }

    /**
     * What the databases of {@code from: jdbc} pipelines say about them: each is opened once (its
     * columns mapped, cursor, key and soft-delete column resolved) and closed without reading a
     * row. A column type the lake cannot hold, a cursor column that does not exist, a table without
     * a key where one is needed are problems, named by key. A database that cannot be reached now is
     * not: it is logged, and each run reports it (and is retried per {@code onError}).
     */
    static List<ConfigProblem> databaseProblems(PipelineConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.pipelines().size(); i++) {
            PipelineDefinition p = config.pipelines().get(i);
            if (p.jdbcSource().isEmpty()) {
                continue;
            }
            try (JdbcSource source = new JdbcSource(p.jdbcSource().get())) {
                source.open();
            } catch (JdbcSourceRefusedException e) {
                problems.add(at(p, "lakehub.pipelines[" + i + "]." + e.key(), e.reason()));
            } catch (JdbcSourceException e) {
                LOG.warn(
                        "Pipeline {} ({}): its database cannot be checked now: {}", p.id(), p.origin(), e.getMessage());
            }
        }
        return problems;
    }

    /** A problem at the pipeline's declaration ({@code origin} is {@code <file>:<line>}). */
    static ConfigProblem at(PipelineDefinition p, String keyPath, String message) {
        String origin = p.origin();
        int colon = origin.lastIndexOf(':');
        int line = 0;
        String file = origin;
        if (colon > 0) {
            try {
                line = Integer.parseInt(origin.substring(colon + 1));
                file = origin.substring(0, colon);
            } catch (NumberFormatException e) {
                line = 0; // an origin without a line number: the whole string names the file
            }
        }
        return new ConfigProblem(file, line, keyPath, message);
    }
}
