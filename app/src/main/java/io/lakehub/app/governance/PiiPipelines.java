package io.lakehub.app.governance;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.governance.PiiAction;
import io.lakehub.processors.governance.PiiConfig;
import io.lakehub.processors.governance.PiiGovernance;
import io.lakehub.processors.governance.PiiPolicy;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Hands the pipelines' {@code pii:} blocks to the hub's {@link PiiGovernance}, after checking them. */
public final class PiiPipelines {
    private PiiPipelines() {}

    /**
     * Checks {@code config}'s policies against the hub's settings (a {@code hash} policy needs the
     * key) and, when there is no problem, makes them the ones in force.
     *
     * @return the problems, each naming the policy's file, line and key; empty when applied
     */
    public static List<ConfigProblem> apply(PiiGovernance governance, PipelineConfig config) {
        return apply(governance, config, dataset -> Optional.empty());
    }

    /**
     * As {@link #apply(PiiGovernance, PipelineConfig)}, and checks every column policy of a pipeline
     * whose dataset already exists against that dataset's current columns (case-insensitively, as
     * the PII step matches them): a column the dataset lacks is refused, naming the policy's file,
     * line and key, the column and the dataset's columns. A {@code drop} policy is not checked (its
     * column never reaches the dataset); a pipeline whose dataset does not exist yet is checked
     * when its source is first read.
     *
     * @param datasets the current schema of a dataset, empty when it does not exist (or cannot be
     *     looked up now)
     */
    public static List<ConfigProblem> apply(
            PiiGovernance governance, PipelineConfig config, Function<String, Optional<LakeSchema>> datasets) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, PiiConfig> byPipeline = new HashMap<>();
        for (PipelineDefinition p : config.pipelines()) {
            PiiConfig pii = p.pii() == null ? PiiConfig.DEFAULT : p.pii();
            byPipeline.put(p.id(), pii);
            if (!governance.enabled() || !pii.scan()) {
                continue;
            }
            if (!governance.hasHashKey()) {
                for (PiiPolicy policy : pii.policies()) {
                    if (policy.action() == PiiAction.HASH) {
                        problems.add(problem(
                                config.file(), policy.key() + ".action", "hash needs " + PiiGovernance.HASH_KEY_HINT));
                    }
                }
            }
            if (pii.policies().stream().anyMatch(PiiPipelines::checkedAgainstColumns)) {
                datasets.apply(p.into().toString())
                        .ifPresent(schema -> problems.addAll(
                                missingColumns(config.file(), pii, schema, "dataset '" + p.into() + "'")));
            }
        }
        if (problems.isEmpty()) {
            governance.usePipelines(byPipeline);
        }
        return problems;
    }

    /**
     * The column policies of {@code pii} naming a column {@code columns} lacks ({@code drop} ones
     * included only when {@code includeDrop}), each naming the policy's file, line and key.
     *
     * @param what what holds the columns, e.g. {@code dataset 'orders'} or {@code table
     *     'public.customers'}
     */
    public static List<ConfigProblem> missingColumns(String file, PiiConfig pii, LakeSchema columns, String what) {
        return missingColumns(file, pii, columns, what, false);
    }

    /**
     * As {@link #missingColumns(String, PiiConfig, LakeSchema, String)}; {@code drop} policies checked
     * too when {@code source} (the columns are the source's, not a dataset's, so no hint about
     * columns later files bring).
     */
    public static List<ConfigProblem> missingColumns(
            String file, PiiConfig pii, LakeSchema columns, String what, boolean source) {
        boolean includeDrop = source;
        List<ConfigProblem> problems = new ArrayList<>();
        for (PiiPolicy policy : pii.policies()) {
            if (policy.column() == null || (!includeDrop && !checkedAgainstColumns(policy))) {
                continue;
            }
            String key = LakeSchema.key(policy.column());
            boolean present =
                    columns.names().stream().anyMatch(n -> LakeSchema.key(n).equals(key));
            if (!present) {
                problems.add(problem(
                        file,
                        policy.key() + ".column",
                        "column '" + policy.column() + "' is not in " + what + " (its columns: "
                                + String.join(", ", columns.names()) + ")"
                                + (source
                                        ? ""
                                        : ". A policy for a column that later files bring is added once the"
                                                + " column is there, or written by type (type: EMAIL), which"
                                                + " names no column")));
            }
        }
        return problems;
    }

    /** A column policy whose column the dataset keeps ({@code drop} removes it before the write). */
    private static boolean checkedAgainstColumns(PiiPolicy policy) {
        return policy.column() != null && policy.action() != PiiAction.DROP;
    }

    /** {@code key} is {@code <file>:<line>: <key path>} as {@link PiiConfig#parse} writes it. */
    private static ConfigProblem problem(String file, String key, String message) {
        int sep = key.indexOf(": ");
        if (sep < 0) {
            return new ConfigProblem(file, 0, key, message);
        }
        String location = key.substring(0, sep);
        int colon = location.lastIndexOf(':');
        int line = 0;
        try {
            line = colon < 0 ? 0 : Integer.parseInt(location.substring(colon + 1));
        } catch (NumberFormatException e) {
            line = 0;
        }
        return new ConfigProblem(
                colon < 0 ? location : location.substring(0, colon), line, key.substring(sep + 2), message);
    }
}
