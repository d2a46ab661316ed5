package io.lakehub.app.aot;

import io.lakehub.app.LakehubApplication;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Starts the hub from the context the build prepared (Spring AOT) when that context holds for the start's
 * settings, and prepares it at build time (ADR 0066).
 *
 * <p>Spring Boot's {@code process-aot} goal runs {@link LakehubApplication#main} at build time: the configuration
 * classes are parsed and every condition evaluated once, and the resulting bean definitions are written as code
 * ({@code LakehubApplication__ApplicationContextInitializer}). A start from it skips that phase (a sixth of
 * the hub's start-up CPU). The price is that conditions are fixed: a property a condition reads, the active
 * profiles or the detected cloud platform would no longer change which beans exist. So the build also records
 * what the conditions read ({@link BuildEnvironment}), and a start compares its own environment with that record
 * once its configuration files are read: on any difference (say {@code lakehub.inbox.enabled=false}) it evaluates
 * the conditions itself, as without AOT, and logs the first difference by property name.
 *
 * <p>Only a start that asks for it (system property {@value #ENABLED_PROPERTY}{@code =true}, which the launcher
 * gives the hub) and runs with the hub's own back ends uses the prepared context; tests that start a hub in
 * their own JVM with other beans get conditions evaluated as always.
 */
public final class PreparedContext {
    /** System property: {@code true} lets a hub start from the build's prepared context when it holds. */
    public static final String ENABLED_PROPERTY = "io.lakehub.app.springAot";

    /** The class Spring's AOT processing generates for the hub's context. */
    static final String INITIALIZER = LakehubApplication.class.getName() + "__ApplicationContextInitializer";

    /** Spring's switch for starting from generated code ({@code AotDetector}); read as a system property. */
    static final String SPRING_AOT_ENABLED = "spring.aot.enabled";

    /** Set by Spring's AOT processing while it runs the application at build time. */
    public static final String SPRING_AOT_PROCESSING = "spring.aot.processing";

    private static final Logger log = LoggerFactory.getLogger(PreparedContext.class);

    private PreparedContext() {}

    /**
     * The hub's Spring application; with {@code ownBackends} (the hub's real back ends, no test doubles) it may
     * start from the prepared context.
     */
    public static SpringApplication hubApplication(boolean ownBackends) {
        SpringApplication application = new SpringApplication(LakehubApplication.class);
        // The generated initializer is looked up by the main application class's name.
        application.setMainApplicationClass(LakehubApplication.class);
        if (Boolean.getBoolean(SPRING_AOT_PROCESSING)) {
            application.addListeners(new RecordLookups());
        } else if (ownBackends && Boolean.getBoolean(ENABLED_PROPERTY)) {
            application.addListeners(new UsePreparedWhenItHolds());
        } else {
            System.clearProperty(SPRING_AOT_ENABLED); // not left over from a prepared start earlier in this JVM
        }
        return application;
    }

    /** Build time: notes every property the conditions read, as the first property source. */
    private static final class RecordLookups
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment().getPropertySources().addFirst(new LookupRecorder());
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
        }
    }

    /** Start: switches Spring to the generated context when the environment is the build's. */
    private static final class UsePreparedWhenItHolds
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            // Set only here, and only when it holds: an earlier start in this JVM (or a -D) must not carry over.
            System.clearProperty(SPRING_AOT_ENABLED);
            ClassLoader loader = LakehubApplication.class.getClassLoader();
            Optional<String> difference;
            try {
                Optional<BuildEnvironment> build = BuildEnvironment.load(loader);
                if (build.isEmpty() || !ClassUtils.isPresent(INITIALIZER, loader)) {
                    log.info(
                            "This build has no prepared hub context (Spring AOT); the hub's conditions are evaluated at"
                                    + " start");
                    return;
                }
                difference = build.get().differenceFrom(event.getEnvironment());
            } catch (RuntimeException e) {
                log.warn(
                        "The build's record of its prepared hub context could not be read ({}); the hub's conditions"
                                + " are evaluated at start instead, which only takes longer",
                        e.getMessage(),
                        e);
                return;
            }
            if (difference.isPresent()) {
                log.info(
                        "The hub's context is prepared at start instead of taken from the build: {} (the build prepared"
                                + " it for the default settings)",
                        difference.get());
                return;
            }
            // Read by Spring (AotDetector) when it creates and fills the context, which follows this event.
            System.setProperty(SPRING_AOT_ENABLED, "true");
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
        }
    }
}
