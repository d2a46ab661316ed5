package io.lakehub.app.governance;

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
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, PiiConfig> byPipeline = new HashMap<>();
        for (PipelineDefinition p : config.pipelines()) {
            PiiConfig pii = p.pii() == null ? PiiConfig.DEFAULT : p.pii();
            byPipeline.put(p.id(), pii);
            if (!governance.enabled() || !pii.scan() || governance.hasHashKey()) {
                continue;
            }
            for (PiiPolicy policy : pii.policies()) {
                if (policy.action() == PiiAction.HASH) {
                    problems.add(problem(
                            config.file(), policy.key() + ".action", "hash needs " + PiiGovernance.HASH_KEY_HINT));
                }
            }
        }
        if (problems.isEmpty()) {
            governance.usePipelines(byPipeline);
        }
        return problems;
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
