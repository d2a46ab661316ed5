package io.lakehub.app.aot;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Writes {@link BuildEnvironment#RESOURCE} beside the code Spring's AOT processing generates for the hub: the
 * properties its conditions read while the build evaluated them ({@link LookupRecorder}) with their values then.
 * Registered in {@code META-INF/spring/aot.factories}; contributes nothing to a context that was processed
 * without the recorder (not the hub's), so such a build is never started from its prepared context.
 */
final class EnvironmentAotProcessor implements BeanFactoryInitializationAotProcessor {
    /**
     * Read while the context was processed, but not to choose beans, and different at every start, so left out
     * of the record. {@code server.port}: the only condition reading it is Spring Boot's management-port one,
     * which ignores it unless {@code management.server.port} is set, and that property is in the record.
     * {@code spring.application.pid} and {@code spring.application.version}: the process id and the jar's version
     * that Spring Boot offers as properties (for log patterns and the banner).
     */
    static final Set<String> NOT_CONDITIONS =
            Set.of("server.port", "spring.application.pid", "spring.application.version");

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)
                || !(beanFactory.getSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)
                        instanceof ConfigurableEnvironment environment)
                || !(environment.getPropertySources().get(LookupRecorder.NAME) instanceof LookupRecorder recorder)) {
            return null;
        }
        Set<String> names = new TreeSet<>(recorder.names());
        names.removeAll(NOT_CONDITIONS);
        // "name:default" is how Spring looks up a placeholder with a default before the name itself, which it looks up
        // too; the default text (which could be anything) stays out of the record.
        names.removeIf(name -> name.indexOf(':') >= 0);
        String text = BuildEnvironment.of(environment, names).write();
        return (generationContext, code) ->
                generationContext.getGeneratedFiles().addResourceFile(BuildEnvironment.RESOURCE, text);
    }
}
