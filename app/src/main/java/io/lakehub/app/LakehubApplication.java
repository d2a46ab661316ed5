package io.lakehub.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub as a Spring Boot application: the HTTP API (controllers in {@code io.lakehub.app.api}),
 * Camel with the inbox route, and the back ends from {@link
 * io.lakehub.app.config.LakehubAutoConfiguration}. Started by {@code lakehub run}.
 *
 * <p>Spring Boot's own DataSource and Flyway set-up stay off: the catalog runs its migrations on
 * its own pool, and a second, Spring-managed database would only confuse.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"
        })
public class LakehubApplication {}
