package io.lakehub.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {

    @Test
    void defaultsToTheJvmZoneAndFireOnceNow() {
        ScheduleSpec spec = ScheduleSpec.cron("people", "0 */5 * * * ?");

        assertThat(spec.timezone()).isEqualTo(ZoneId.systemDefault());
        assertThat(spec.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
        assertThat(spec.isScheduled()).isTrue();
        assertThat(ScheduleSpec.unscheduled("people").isScheduled()).isFalse();
    }

    @Test
    void refusesABadCronNamingThePipelineAndTheProblem() {
        assertThatThrownBy(() -> ScheduleSpec.cron("people", "0 61 * * * ?"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("people")
                .hasMessageContaining("'0 61 * * * ?'")
                .hasMessageContaining("Minute");
    }

    @Test
    void refusesIdsThatCannotBeUsedInUrlsOrJobNames() {
        assertThatThrownBy(() -> ScheduleSpec.unscheduled("People Import"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'People Import'");
        assertThatThrownBy(() -> ScheduleSpec.unscheduled("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ScheduleSpec.unscheduled("orders-eu_2").pipelineId()).isEqualTo("orders-eu_2");
    }

    @Test
    void misfirePoliciesMapToQuartzAndBack() {
        for (MisfirePolicy policy : MisfirePolicy.values()) {
            assertThat(MisfirePolicy.fromQuartz(policy.quartzInstruction())).isEqualTo(policy);
        }
    }
}
