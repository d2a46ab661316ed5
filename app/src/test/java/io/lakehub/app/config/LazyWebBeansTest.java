package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LazyWebBeansTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(LazyWebBeans.class, LazyWebBeans::new)
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class));

    @Test
    void theRabbitConnectionFactoryIsMadeOnItsFirstUseNotWhenTheContextStarts() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanFactory().containsSingleton("rabbitConnectionFactory"))
                    .as("made as the context started")
                    .isFalse();

            assertThat(context.getBean(ConnectionFactory.class)).isInstanceOf(CachingConnectionFactory.class);
            assertThat(context.getBeanFactory().containsSingleton("rabbitConnectionFactory"))
                    .isTrue();
        });
    }
}
