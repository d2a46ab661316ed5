package io.lakehub.app.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import org.springframework.context.annotation.Configuration;

/**
 * The head of the OpenAPI document springdoc generates from this package's controllers, served at
 * {@code /api/openapi.json} with a browsable page at {@code /api/docs}. Every error answer is an
 * {@link io.lakehub.app.api.document.ApiError}; each operation lists the statuses it can answer.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Lakehub HTTP API",
                        description = "SQL over the lake, datasets, the audit journal, ingest of a file on the"
                                + " hub's machine, pipelines and jobs. Errors answer {\"error\": \"...\"}: 4xx means"
                                + " fix the request, 503 try again later, 500 report a bug. Metrics are at"
                                + " /actuator/prometheus and health at /actuator/health.",
                        version = "1",
                        license = @License(name = "See the project's licence")))
public class ApiDocumentation {}
