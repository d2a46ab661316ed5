package io.lakehub.app.config;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.jackson.JsonMixinModuleEntries;

/**
 * Spring Boot's Jackson auto-configuration looks for {@code @JsonMixin} classes in the application's package at
 * every start: it reads the ~300 class files of {@code io.lakehub.app} and below from the jar (60–90 ms of a hub
 * start's main thread, ADR 0065). The hub declares no mix-in ({@code LakehubApplicationTest} fails when one
 * appears), so the mix-in entries bean is made empty, without the scan; Jackson's mix-in module is set up from it
 * as before.
 */
final class NoJsonMixinScan implements BeanFactoryPostProcessor {
    /** The bean Spring Boot's {@code JacksonAutoConfiguration.JacksonMixinConfiguration} declares. */
    static final String ENTRIES = "jsonMixinModuleEntries";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.containsBeanDefinition(ENTRIES)) {
            BeanDefinition definition = beanFactory.getBeanDefinition(ENTRIES);
            if (definition instanceof AbstractBeanDefinition entries) {
                entries.setInstanceSupplier(() -> JsonMixinModuleEntries.create(mixins -> {}));
            }
        }
    }
}
