package io.lakehub.app.governance;

import io.lakehub.processors.governance.PiiAction;
import io.lakehub.processors.governance.PiiGovernance;
import io.lakehub.processors.pii.ScanOptions;
import java.util.Locale;

/**
 * {@code lakehub.pii.*}: the PII scan of every ingest and the defaults of its policies (docs/pii.md).
 * Pipelines add their own policies in their {@code pii:} block.
 */
public class PiiProperties {

    /**
     * Whether every ingest (pipelines, {@code POST /api/ingest}, {@code ./lakehub ingest}, the inbox) is
     * scanned for PII and governed by its pipeline's policies. A pipeline can turn its own scan off with
     * {@code pii.scan: false} in its YAML.
     */
    private boolean enabled = true;

    /**
     * The key of {@code hash} policies (HMAC-SHA256); set it from the environment, {@code
     * LAKEHUB_PII_HASH_KEY}, never in a file. The same key gives the same hashes, so hashed columns of
     * different datasets still join; changing it changes every hash written from then on. Required
     * when a policy hashes.
     */
    private String hashKey = "";

    /**
     * What happens to a column the scan classifies as PII when no policy names it or its type: {@code
     * flag} (recorded in the catalog only), {@code mask}, {@code hash} or {@code drop}.
     */
    private String defaultAction = "flag";

    /** Non-null values the scan examines per column (half from the first rows, half spread further). */
    private int sampleSize = 1000;

    private PiiGovernance governance;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHashKey() {
        return hashKey;
    }

    public void setHashKey(String hashKey) {
        this.hashKey = hashKey == null ? "" : hashKey;
    }

    public String getDefaultAction() {
        return defaultAction;
    }

    public void setDefaultAction(String defaultAction) {
        if (PiiAction.parse(defaultAction).isEmpty()
                || PiiAction.parse(defaultAction).get() == PiiAction.QUARANTINE) {
            throw new IllegalArgumentException("lakehub.pii.default-action: unknown action '" + defaultAction
                    + "' (known: flag, mask, hash, drop; quarantine only in a column policy)");
        }
        this.defaultAction = defaultAction;
    }

    public int getSampleSize() {
        return sampleSize;
    }

    public void setSampleSize(int sampleSize) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("lakehub.pii.sample-size must be 1 or more, not " + sampleSize);
        }
        this.sampleSize = sampleSize;
    }

    /**
     * The governance every ingest of this hub runs with, made on first use from these settings (one
     * per settings object, so the ingest service and the pipelines share it).
     *
     * @throws IllegalArgumentException when {@code default-action} is {@code hash} without the key
     */
    public synchronized PiiGovernance governance() {
        if (governance == null) {
            governance = PiiGovernance.of(
                    enabled,
                    hashKey,
                    PiiAction.parse(defaultAction.toLowerCase(Locale.ROOT)).orElseThrow(),
                    ScanOptions.DEFAULTS.withSampleSize(sampleSize));
        }
        return governance;
    }
}
