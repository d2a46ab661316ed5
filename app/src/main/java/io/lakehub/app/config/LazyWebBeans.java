package io.lakehub.app.config;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.type.MethodMetadata;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Makes the beans that only answer requests lazy (ADR 0058): the hub's controllers (and, through them, the API
 * they share) and Spring Boot's RabbitMQ beans (the connection factory is made when a {@code spring-rabbitmq:}
 * pipeline first asks for it). They are made on their first request instead of before the hub reports
 * healthy; request mappings are found from the bean types, so nothing answers differently. Everything with
 * start-up duties (catalog, pipelines, scheduler, indexes, autotune, erasure resume) stays eager.
 */
final class LazyWebBeans implements BeanFactoryPostProcessor {
    private static final String APP = "io.lakehub.app.";
    /**
     * Auto-configurations whose beans are all lazy. Not springdoc's: some of its beans set up the document's
     * model (response wrappers unwrapped) as they are made, so lazy ones change the document.
     */
    private static final String[] LAZY_DECLARERS = {"org.springframework.boot.autoconfigure.amqp."};

    /**
     * Spring AMQP's connection factory is a {@code SmartLifecycle}, and the context's lifecycle processor makes
     * every bean of that type as the context starts, lazy or not (~0.1 s at every hub start). Declared as the
     * {@code ConnectionFactory} it is injected as (Spring Boot's AMQP beans and Camel's {@code spring-rabbitmq}
     * component ask for that interface), it is made on its first use; it is closed with the context as before.
     */
    private static final String AMQP_CACHING_FACTORY =
            "org.springframework.amqp.rabbit.connection.CachingConnectionFactory";

    private static final String AMQP_FACTORY = "org.springframework.amqp.rabbit.connection.ConnectionFactory";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (definition.getRole() == BeanDefinition.ROLE_APPLICATION
                    && definition.isSingleton()
                    && !definition.isLazyInit()
                    && answersRequestsOnly(definition)) {
                definition.setLazyInit(true);
                declareAsInterface(definition, beanFactory.getBeanClassLoader());
            }
        }
    }

    private static void declareAsInterface(BeanDefinition definition, ClassLoader loader) {
        if (definition instanceof RootBeanDefinition root
                && definition instanceof AnnotatedBeanDefinition annotated
                && annotated.getFactoryMethodMetadata() != null
                && AMQP_CACHING_FACTORY.equals(
                        annotated.getFactoryMethodMetadata().getReturnTypeName())) {
            try {
                root.setTargetType(ClassUtils.forName(AMQP_FACTORY, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(
                        "Spring AMQP's " + AMQP_CACHING_FACTORY + " is on the class path without its interface "
                                + AMQP_FACTORY + "; the hub cannot start with a broken Spring AMQP jar",
                        e);
            }
        }
    }

    private static boolean answersRequestsOnly(BeanDefinition definition) {
        if (!(definition instanceof AnnotatedBeanDefinition annotated)) {
            return false;
        }
        MethodMetadata factory = annotated.getFactoryMethodMetadata();
        if (factory != null) {
            String declarer = factory.getDeclaringClassName();
            for (String prefix : LAZY_DECLARERS) {
                if (declarer.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
        String type = definition.getBeanClassName();
        return type != null
                && type.startsWith(APP)
                && (annotated.getMetadata().hasAnnotation(Controller.class.getName())
                        || annotated.getMetadata().hasMetaAnnotation(Controller.class.getName()));
    }
}
