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
     * a key where one is needed, a column PII policy naming a column the table lacks are problems,
     * named by key. A database that cannot be reached now is
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
                problems.addAll(piiColumnProblems(config, p, source));
            } catch (JdbcSourceRefusedException e) {
                problems.add(at(p, "lakehub.pipelines[" + i + "]." + e.key(), e.reason()));
            } catch (JdbcSourceException e) {
                LOG.warn(
                        "Pipeline {} ({}): its database cannot be checked now: {}", p.id(), p.origin(), e.getMessage());
            }
        }
        return problems;
    }

    /**
     * The column PII policies of {@code p} naming a column its table (or query) does not have. Only
     * for a pipeline without declared steps: the PII step runs after them, so with steps it sees
     * other columns than the table's and the policy is checked at the first poll instead.
     */
    private static List<ConfigProblem> piiColumnProblems(
            PipelineConfig config, PipelineDefinition p, JdbcSource source) {
        if (p.pii() == null || !p.pii().scan() || !p.steps().isEmpty()) {
            return List.of();
        }
        var spec = p.jdbcSource().get();
        String what = spec.table() != null ? "table '" + spec.table() + "'" : "the rows of jdbc.query";
        return io.lakehub.app.governance.PiiPipelines.missingColumns(
                config.file(), p.pii(), source.schema(), what, true);
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
