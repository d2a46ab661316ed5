package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.jackson.JsonMixin;
import org.springframework.boot.jackson.JsonMixinModuleEntries;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class NoJsonMixinScanTest {
    /** Jackson's auto-configuration over this package, registered as @EnableAutoConfiguration registers the hub's. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withInitializer(context -> AutoConfigurationPackages.register(
                    (BeanDefinitionRegistry) context.getBeanFactory(), NoJsonMixinScanTest.class.getPackageName()));

    @Test
    void springBootScansTheApplicationsPackageForMixinsWithoutIt() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(mixins(context)).containsEntry(Point.class, PointMixin.class);
            assertThat(context.getBean(ObjectMapper.class).writeValueAsString(new Point(1, 2)))
                    .isEqualTo("{\"x\":1}");
        });
    }

    @Test
    void withItJacksonIsSetUpWithoutTheScan() {
        runner.withBean(NoJsonMixinScan.class, NoJsonMixinScan::new).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(mixins(context)).as("mix-ins found by a scan").isEmpty();
            assertThat(context.getBean(ObjectMapper.class).writeValueAsString(new Point(1, 2)))
                    .isEqualTo("{\"x\":1,\"y\":2}");
        });
    }

    private static Map<Class<?>, Class<?>> mixins(ApplicationContext context) {
        Map<Class<?>, Class<?>> mixins = new HashMap<>();
        context.getBean(JsonMixinModuleEntries.class)
                .doWithEntry(NoJsonMixinScanTest.class.getClassLoader(), mixins::put);
        return mixins;
    }

    record Point(int x, int y) {}

    /** A mix-in only a scan of this package finds (the hub's own classes have none: LakehubApplicationTest). */
    @JsonMixin(Point.class)
    abstract static class PointMixin {
        @JsonIgnore
        abstract int y();
    }
}
