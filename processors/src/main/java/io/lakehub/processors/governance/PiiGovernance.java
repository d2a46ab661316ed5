package io.lakehub.processors.governance;

import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.pii.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which PII step each ingest runs: the pipeline's {@code pii:} block ({@link PiiConfig}), or for an
 * ingest outside a pipeline ({@code POST /api/ingest}, {@code ./lakehub ingest}, the inbox) the
 * defaults: scan on, every PII column flagged. Made once at start-up; the pipelines' blocks are set
 * (and checked) whenever the pipeline configuration is loaded or reloaded ({@link #usePipelines}).
 * A {@code hash} policy needs the key ({@value #HASH_KEY_HINT}): checked there, naming the policy.
 * Thread-safe.
 */
public final class PiiGovernance {

    /** How to configure the hash key, for messages. */
    public static final String HASH_KEY_HINT = "lakehub.pii.hash-key (env LAKEHUB_PII_HASH_KEY)";

    /** No scan anywhere (an {@code Ingestor}'s default until the app sets its own). */
    public static final PiiGovernance OFF = new PiiGovernance(false, null, PiiAction.FLAG, ScanOptions.DEFAULTS);

    private final boolean enabled;
    private final byte[] hashKey;
    private final PiiAction defaultAction;
    private final ScanOptions options;
    private volatile Map<String, PiiConfig> pipelines = Map.of();

    private PiiGovernance(boolean enabled, byte[] hashKey, PiiAction defaultAction, ScanOptions options) {
        this.enabled = enabled;
        this.hashKey = hashKey;
        this.defaultAction = defaultAction;
        this.options = options;
    }

    /**
     * Checked settings.
     *
     * @param enabled {@code lakehub.pii.enabled}: false turns the scan off everywhere
     * @param hashKey {@code lakehub.pii.hash-key} (UTF-8), blank or null for none
     * @param defaultAction {@code lakehub.pii.default-action}: what happens to a PII column no policy
     *     names
     * @param options how much the scan samples
     * @throws IllegalArgumentException when the default action is {@code hash} without the key
     */
    public static PiiGovernance of(boolean enabled, String hashKey, PiiAction defaultAction, ScanOptions options) {
        byte[] key = hashKey == null || hashKey.isBlank() ? null : hashKey.getBytes(StandardCharsets.UTF_8);
        if (enabled && key == null && defaultAction == PiiAction.HASH) {
            throw new IllegalArgumentException("lakehub.pii.default-action: hash needs " + HASH_KEY_HINT);
        }
        return new PiiGovernance(enabled, key, defaultAction, options);
    }

    /**
     * The pipelines' {@code pii:} blocks from now on (a pipeline without one gets {@link
     * PiiConfig#DEFAULT}).
     *
     * @return this
     * @throws IllegalArgumentException listing every {@code hash} policy when the key is not
     *     configured, each naming the policy's key; the blocks in force stay as they were
     */
    public PiiGovernance usePipelines(Map<String, PiiConfig> byPipeline) {
        List<String> problems = new ArrayList<>();
        if (enabled && hashKey == null) {
            byPipeline.values().stream()
                    .filter(PiiConfig::scan)
                    .flatMap(c -> c.policies().stream())
                    .filter(p -> p.action() == PiiAction.HASH)
                    .forEach(p -> problems.add(p.key() + ".action: hash needs " + HASH_KEY_HINT));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        pipelines = Map.copyOf(byPipeline);
        return this;
    }

    /** Whether a hash key is configured (a {@code hash} policy needs one). */
    public boolean hasHashKey() {
        return hashKey != null;
    }

    /** Whether ingests are scanned at all ({@code lakehub.pii.enabled}). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The PII step of an ingest of pipeline {@code pipeline} ({@code null}: outside a pipeline), empty
     * when the scan is off for it.
     */
    public Optional<StepDefinition> stepFor(String pipeline) {
        PiiConfig config = pipeline == null ? PiiConfig.DEFAULT : pipelines.getOrDefault(pipeline, PiiConfig.DEFAULT);
        if (!enabled || !config.scan()) {
            return Optional.empty();
        }
        List<PiiPolicy> policies = config.policies();
        return Optional.of(
                StepDefinition.of(PiiStep.NAME, () -> new PiiStep(policies, hashKey, defaultAction, options)));
    }
}
