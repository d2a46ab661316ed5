package io.lakehub.app.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.LakehubApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The prepared context's oracle (ADR 0066): for a setting, either the build's record tells the start to evaluate
 * its conditions itself, or evaluating them would have given exactly the beans the prepared context has. The
 * conditions are evaluated here as Spring's AOT processing does (the context refreshed up to its bean definitions),
 * with the setting as a command-line argument of the hub. Runs after the build has prepared the context.
 */
class PreparedContextConditionsIT {
    @TempDir
    static Path home;

    private static Set<String> prepared;
    private static Set<String> evaluatedWithDefaults;

    @BeforeAll
    static void preparedAndDefault() throws Exception {
        GenericApplicationContext context = new GenericApplicationContext();
        @SuppressWarnings("unchecked")
        ApplicationContextInitializer<GenericApplicationContext> initializer =
                (ApplicationContextInitializer<GenericApplicationContext>) Class.forName(PreparedContext.INITIALIZER)
                        .getDeclaredConstructor()
                        .newInstance();
        initializer.initialize(context);
        prepared = new TreeSet<>(List.of(context.getBeanDefinitionNames()));
        evaluatedWithDefaults = evaluate(Map.of()).beans();
    }

    @Test
    void withTheDefaultSettingsTheStartUsesThePreparedContextWhichHasTheEvaluatedBeans() {
        Evaluated defaults = evaluate(Map.of());

        assertThat(record().differenceFrom(defaults.environment())).isEmpty();
        Set<String> evaluated = new TreeSet<>(defaults.beans());
        // Registered only when conditions are evaluated: Spring's annotation processors and metadata reader cache.
        evaluated.removeIf(name -> name.startsWith("org.springframework.context.annotation.internal")
                || name.equals("org.springframework.boot.autoconfigure.internalCachingMetadataReaderFactory"));
        Set<String> onlyEvaluated = new TreeSet<>(evaluated);
        onlyEvaluated.removeAll(prepared);
        Set<String> onlyPrepared = new TreeSet<>(prepared);
        onlyPrepared.removeAll(evaluated);
        // The tests' class path has more than the hub's: OpenTelemetry (through Selenium) and a messages.properties
        // bundle switch on two auto-configurations that the build, on the hub's class path, rightly left out.
        assertThat(onlyEvaluated).allMatch(TEST_CLASS_PATH_ONLY::contains);
        assertThat(onlyPrepared).isEmpty();
    }

    /** Beans of auto-configurations that only the tests' class path switches on (see above). */
    private static final Set<String> TEST_CLASS_PATH_ONLY = Set.of(
            "batchLogRecordProcessor",
            "management.opentelemetry-org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryProperties",
            "messageSource",
            "openTelemetry",
            "openTelemetryResource",
            "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
            "otelSdkLoggerProvider",
            "spring.messages-org.springframework.boot.autoconfigure.context.MessageSourceProperties");

    static Stream<Arguments> settings() {
        return Stream.of(
                // Not read by any condition: the prepared context holds.
                Arguments.of(Map.of("server.port", "18080"), false),
                Arguments.of(Map.of("lakehub.catalog.url", "jdbc:postgresql://127.0.0.1:5432/test"), false),
                Arguments.of(Map.of("lakehub.ingest.batch-rows", "5000"), false),
                // Read by conditions: the start evaluates them.
                Arguments.of(Map.of("lakehub.inbox.enabled", "false"), true),
                Arguments.of(Map.of("lakehub.vector.enabled", "false"), true),
                Arguments.of(Map.of("management.server.port", "18081"), true),
                Arguments.of(Map.of("spring.profiles.active", "other"), true),
                // Read only as a whole (bound as a map or checked by prefix), never by the setting's own name.
                Arguments.of(Map.of("camel.ssl.cert-alias", "hub"), true),
                Arguments.of(Map.of("camel.component.kafka.brokers", "127.0.0.1:9092"), true),
                Arguments.of(Map.of("springdoc.open-api.components.security-schemes.key.type", "apikey"), true));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void aStartUsesThePreparedContextOnlyWhenItHasTheBeansTheSettingWouldGive(
            Map<String, String> setting, boolean evaluatedAtStart) {
        Evaluated evaluated = evaluate(setting);

        Optional<String> difference = record().differenceFrom(evaluated.environment());

        assertThat(difference.isPresent()).as("%s: %s", setting, difference).isEqualTo(evaluatedAtStart);
        if (difference.isEmpty()) {
            assertThat(evaluated.beans()).isEqualTo(evaluatedWithDefaults);
        }
    }

    private record Evaluated(ConfigurableEnvironment environment, Set<String> beans) {}

    private static BuildEnvironment record() {
        return BuildEnvironment.load(LakehubApplication.class.getClassLoader()).orElseThrow();
    }

    /** The hub's bean definitions with its conditions evaluated for {@code setting}, as the build evaluates them. */
    private static Evaluated evaluate(Map<String, String> setting) {
        List<String> args = new ArrayList<>(List.of("--lakehub.home=" + home));
        setting.forEach((name, value) -> args.add("--" + name + "=" + value));
        SpringApplication application = PreparedContext.hubApplication(false);
        AtomicReference<Evaluated> evaluated = new AtomicReference<>();
        try {
            SpringApplication.withHook(
                    app -> new SpringApplicationRunListener() {
                        @Override
                        public void contextLoaded(ConfigurableApplicationContext context) {
                            ((GenericApplicationContext) context).refreshForAotProcessing(new RuntimeHints());
                            evaluated.set(new Evaluated(
                                    context.getEnvironment(),
                                    new TreeSet<>(List.of(context.getBeanDefinitionNames()))));
                            throw new SpringApplication.AbandonedRunException(context);
                        }
                    },
                    () -> application.run(args.toArray(String[]::new)));
        } catch (SpringApplication.AbandonedRunException expected) {
            // the context is only evaluated, never started
        }
        return evaluated.get();
    }
}
