package io.lakehub.app.erasure;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.erasure.ErasureListener;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The hub's {@link ErasureService}: rewrites in the background, and finishes at start-up the
 * erasures a crash interrupted. A hash key given but shorter than 16 bytes stops the start naming
 * {@code lakehub.pii.hash-key}; no key at all lets the hub start and refuses erasure requests.
 */
@Configuration(proxyBeanMethods = false)
public class ErasureConfiguration {

    @Bean(destroyMethod = "close")
    ErasureService lakehubErasures(
            Catalog catalog, Environment environment, ObjectProvider<ErasureListener> listeners) {
        return new ErasureService(
                catalog,
                ErasureService.hashKey(environment::getProperty),
                true,
                List.copyOf(listeners.orderedStream().toList()));
    }

    /** Finishes unfinished erasures once the hub is up (in the background). */
    @Bean
    ErasureResume lakehubErasureResume(ErasureService erasures) {
        return new ErasureResume(erasures);
    }

    /** Hears the hub's start. */
    public static final class ErasureResume {
        private final ErasureService erasures;

        ErasureResume(ErasureService erasures) {
            this.erasures = erasures;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void resume() {
            erasures.resumeUnfinished();
        }
    }
}
