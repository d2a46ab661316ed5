package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.fake.FakeHubConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code /api/openapi.json} is generated from the controllers: every mapping of the API's
 * controllers is in it with its success answer and its error answers as {@code ApiError}, and the
 * browsable page answers.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeHubConfiguration.class)
class OpenApiDocumentTest {
    private static final Path HOME = TestHomes.create("openapi");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerMappingIsDocumentedWithItsAnswersAndErrors() throws Exception {
        HttpResponse<String> response = get("/api/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Lakehub HTTP API");
        JsonNode apiError = doc.path("components").path("schemas").path("ApiError");
        assertThat(apiError.path("properties").has("error")).isTrue();

        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
            if (!method.getBeanType().getPackageName().equals(ApiDocumentation.class.getPackageName())) {
                return;
            }
            for (String path : info.getPatternValues()) {
                for (RequestMethod http : info.getMethodsCondition().getMethods()) {
                    endpoints.add(http + " " + path);
                    JsonNode operation =
                            doc.path("paths").path(path).path(http.name().toLowerCase(Locale.ROOT));
                    assertThat(operation.isObject())
                            .as("%s %s (%s) is in the document", http, path, method)
                            .isTrue();
                    assertThat(operation.path("summary").asText())
                            .as("summary of %s %s", http, path)
                            .isNotBlank();
                    JsonNode responses = operation.path("responses");
                    List<String> codes = new ArrayList<>();
                    responses.fieldNames().forEachRemaining(codes::add);
                    assertThat(codes)
                            .as("answers of %s %s", http, path)
                            .anyMatch(c -> c.startsWith("2"))
                            .contains("500", "503");
                    for (String code : codes) {
                        if (code.startsWith("4") || code.startsWith("5")) {
                            assertThat(responses.path(code).toString())
                                    .as("%s of %s %s is an ApiError", code, http, path)
                                    .contains("#/components/schemas/ApiError");
                        }
                    }
                }
            }
        });
        assertThat(endpoints)
                .contains(
                        "POST /api/sql",
                        "GET /api/datasets/{name}",
                        "DELETE /api/datasets/{name}",
                        "POST /api/ingest",
                        "POST /api/pipelines/{id}/trigger",
                        "POST /api/jobs/{id}/run",
                        "GET /api/index-jobs");
        int documented = 0;
        for (JsonNode path : doc.path("paths")) {
            documented += path.size();
        }
        assertThat(documented).as("only the API's endpoints are documented").isEqualTo(endpoints.size());
    }

    @Test
    void requestAndResponseSchemasUseTheWireNames() throws Exception {
        JsonNode doc = JSON.readTree(get("/api/openapi.json").body());
        JsonNode schemas = doc.path("components").path("schemas");

        assertThat(schemas.path("SqlResponse").path("properties").has("row_count"))
                .isTrue();
        assertThat(schemas.path("IngestApiRequest").path("properties").has("widen_to_string"))
                .isTrue();
        assertThat(schemas.path("JobDocument")
                        .path("properties")
                        .path("progress")
                        .toString())
                .contains("#/components/schemas/ProgressDocument");
        assertThat(schemas.path("ProgressDocument").path("properties").has("eta_seconds"))
                .isTrue();
        JsonNode sql = doc.path("paths").path("/api/sql").path("post");
        assertThat(sql.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .toString())
                .contains("#/components/schemas/SqlRequest");
        JsonNode answer = sql.path("responses").path("200").path("content");
        assertThat(answer.path("application/json").toString()).contains("#/components/schemas/SqlResponse");
        assertThat(answer.path("text/plain").path("schema").path("type").asText())
                .isEqualTo("string");
        assertThat(answer.path("text/csv").path("schema").path("type").asText()).isEqualTo("string");
        for (String code : List.of("400", "403", "406", "415", "500", "503")) {
            JsonNode error = sql.path("responses").path(code).path("content");
            List<String> types = new ArrayList<>();
            error.fieldNames().forEachRemaining(types::add);
            assertThat(types).as("%s of POST /api/sql", code).containsExactly("application/json");
        }
        assertThat(doc.path("paths")
                        .path("/api/pipelines/{id}/run")
                        .path("post")
                        .path("responses")
                        .path("202")
                        .toString())
                .contains("#/components/schemas/RunAccepted");
    }

    @Test
    void theIndexJobsListingNamesBothDocumentsAndItsParameters() throws Exception {
        JsonNode doc = JSON.readTree(get("/api/openapi.json").body());
        JsonNode listing = doc.path("paths").path("/api/index-jobs").path("get");

        assertThat(listing.path("responses").path("200").toString())
                .contains("#/components/schemas/VectorJobDocument", "#/components/schemas/AutotuneJobDocument");
        assertThat(listing.path("parameters").findValuesAsText("name")).containsExactlyInAnyOrder("index", "limit");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("AutotuneJobDocument").path("properties").has("kind"))
                .isTrue();
        assertThat(schemas.path("AutotuneJobDocument").path("properties").has("eta_seconds"))
                .isTrue();
        assertThat(schemas.path("VectorJobDocument").path("properties").has("id"))
                .isTrue();
    }

    @Test
    void theBrowsablePageAnswers() throws Exception {
        HttpResponse<String> page = get("/api/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
