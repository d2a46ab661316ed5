package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The agent's objective, promotion margin and rate limits come from {@code lakehub.vector.autotune.*}; a value
 * out of range stops the hub at start, naming its key.
 */
class AutotuneSettingsTest {

    @Test
    void aBadObjectiveMarginOrLimitStopsTheHubNamingTheKey() {
        refused(p -> p.setMinRecall(1.5), "lakehub.vector.autotune.min-recall");
        refused(p -> p.setMaxP95(Duration.ZERO), "lakehub.vector.autotune.max-p95");
        refused(p -> p.setMarginRecall(-0.1), "lakehub.vector.autotune.margin-recall");
        refused(p -> p.setMarginLatency(1.0), "lakehub.vector.autotune.margin-latency");
        refused(p -> p.setMaxTrialsPerHour(0), "lakehub.vector.autotune.max-trials-per-hour");
        refused(p -> p.setMaxConcurrentBuilds(0), "lakehub.vector.autotune.max-concurrent-builds");
        refused(p -> p.setCooldown(Duration.ofSeconds(-1)), "lakehub.vector.autotune.cooldown");
    }

    private static void refused(Consumer<AutotuneProperties> setting, String key) {
        AutotuneProperties properties = new AutotuneProperties();
        setting.accept(properties);
        assertThatThrownBy(() -> new HubTuning(null, null, properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("did not start");
    }
}
