package io.lakehub.app.api;

import io.lakehub.app.api.document.ApiError;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
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
public class ApiDocumentation {
    /** The answer every operation can give when the catalog database cannot be reached. */
    static final String UNAVAILABLE = "The catalog database cannot be reached; try again later.";

    /** The answer every operation can give for a bug. */
    static final String INTERNAL = "An unexpected error; the details are in the hub's log.";

    /**
     * Adds the two errors every endpoint can answer, 503 and 500 with an {@link ApiError}, to each
     * operation, so the controllers declare only the answers that are their own.
     */
    @Bean
    OperationCustomizer lakehubCommonErrors() {
        return (operation, handlerMethod) -> {
            ApiResponses responses = operation.getResponses();
            responses.computeIfAbsent("503", code -> apiError(UNAVAILABLE));
            responses.computeIfAbsent("500", code -> apiError(INTERNAL));
            return operation;
        };
    }

    private static ApiResponse apiError(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/json",
                                new MediaType().schema(new Schema<ApiError>().$ref("#/components/schemas/ApiError"))));
    }
}
