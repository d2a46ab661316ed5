package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code lakehub.maintenance.*}, and what the retired {@code lakehub.orphans.sweep-interval} still means. */
class MaintenanceSettingsTest {

    private static LakehubProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bind("lakehub", Bindable.ofInstance(new LakehubProperties()))
                .get();
    }

    @Test
    void bindsAJobsScheduleAndSwitch() {
        LakehubProperties p = bind(Map.of(
                "lakehub.maintenance.orphan-sweep.schedule", "0 0 3 * * ?",
                "lakehub.maintenance.orphan-sweep.enabled", "false"));

        LakehubProperties.JobSettings sweep = p.maintenanceJob("orphan-sweep").orElseThrow();
        assertThat(sweep.getSchedule()).isEqualTo("0 0 3 * * ?");
        assertThat(sweep.isEnabled()).isFalse();
        assertThat(p.maintenanceJob("index-refresh"))
                .as("a job without settings")
                .isEmpty();
    }

    @Test
    void aZeroSweepIntervalStillTurnsTheSweepOff() {
        LakehubProperties p = bind(Map.of(
                "lakehub.orphans.sweep-interval", "0",
                "lakehub.maintenance.orphan-sweep.schedule", "0 0 3 * * ?"));

        assertThat(p.maintenanceJob("orphan-sweep").orElseThrow().isEnabled()).isFalse();
        assertThat(new LakehubProperties()
                        .maintenanceJob("orphan-sweep")
                        .orElseThrow()
                        .isEnabled())
                .as("by default the sweep runs")
                .isTrue();
    }

    @Test
    void anyOtherSweepIntervalIsRefusedNamingTheNewSetting() {
        LakehubProperties p = bind(Map.of("lakehub.orphans.sweep-interval", "30m"));

        assertThatThrownBy(() -> p.maintenanceJob("orphan-sweep"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lakehub.orphans.sweep-interval=PT30M")
                .hasMessageContaining("lakehub.maintenance.orphan-sweep.schedule");
        assertThat(p.maintenanceJob("compaction").orElseThrow().isEnabled())
                .as("other jobs are not concerned")
                .isTrue();
    }
}
