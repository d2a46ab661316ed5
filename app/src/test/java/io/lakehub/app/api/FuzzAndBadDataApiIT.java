package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every file of DuckDB's fuzzing folders ({@code data/csv/afl}, {@code data/csv/fuzzing}, malformed JSON)
 * and parquet-testing's {@code bad_data} (copied into {@code src/test/resources/corpora}, see the README
 * there) through {@code POST /api/ingest} on the real back ends: whatever the file, the hub answers — a
 * 200, or a 400 whose message names the file — never a 500, never a hang (each request has a deadline),
 * and it still answers SQL afterwards.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FuzzAndBadDataApiIT {
    private static final Path HOME = TestHomes.create("fuzz-files");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Far above what any of these small files needs (milliseconds); reaching it means the ingest hangs. */
    private static final Duration PER_FILE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Test
    void noFuzzOrBadDataFileMakesTheHubAnswer500OrHangAndEveryRefusalNamesTheFile() throws Exception {
        List<Path> files = corpusFiles();
        assertThat(files).as("the copied fuzz and bad_data files").hasSizeGreaterThan(250);

        List<String> problems = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            HttpResponse<String> response;
            try {
                response = ingest(file, "fuzz_" + i);
            } catch (HttpTimeoutException e) {
                problems.add(file + ": no answer within " + PER_FILE.toSeconds() + " s (the ingest hangs)");
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                accepted++;
            } else if (status == 400) {
                refused++;
                String error = JSON.readTree(response.body()).path("error").asText();
                if (!error.contains(file.toString())) {
                    problems.add(file + ": refused without naming the file: " + error);
                }
            } else {
                problems.add(file + ": HTTP " + status + " " + response.body());
            }
        }

        assertThat(problems).as("files the hub did not answer properly").isEmpty();
        assertThat(accepted + refused).isEqualTo(files.size());
        // Both kinds are in the set: the check is not vacuous on either side.
        assertThat(accepted).isPositive();
        assertThat(refused).isPositive();
        HttpResponse<String> sql = post("/api/sql", "{\"sql\": \"SELECT 42\"}");
        assertThat(sql.statusCode()).isEqualTo(200);
    }

    private static List<Path> corpusFiles() throws Exception {
        Path root = Path.of(FuzzAndBadDataApiIT.class.getResource("/corpora").toURI());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().matches("README\\.md|LICENSE(\\.txt)?"))
                    .map(Path::toAbsolutePath)
                    .sorted()
                    .toList();
        }
    }

    private HttpResponse<String> ingest(Path file, String dataset) throws Exception {
        return post(
                "/api/ingest",
                "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset + "\"}");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(PER_FILE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
