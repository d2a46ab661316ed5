package io.lakehub.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Processor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web console in a real browser (the machine's headless Chromium, driven over WebDriver) on a
 * hub with its real back ends: a user runs a pipeline from the Pipelines page and sees the run
 * finish, reads its log, queries the rows it wrote on the SQL page and downloads them as CSV, sees a
 * refused statement's error exactly as the API gives it, and finds the commit on the dataset,
 * audit and jobs pages; and while a pipeline's run holds in the middle of its file, its progress
 * bar shows on the Pipelines page and, with the ingest, on the Jobs page, and goes when it ended; a
 * vector index's refresh is listed in the Jobs page's "Index work".
 *
 * <p>Chromium and chromedriver come from the Debian packages {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs; the test fails (never skips) without them.
 * Selenium is pointed at both binaries, so Selenium Manager never downloads anything.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConsoleBrowserIT.Hold.class)
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path HOME = TestHomes.create("console-it");
    private static final Path SOURCES = HOME.resolveSibling("sources");
    private static final Path DOWNLOADS = HOME.resolveSibling("downloads");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final CountDownLatch HELD = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** A processor step that holds the third batch (of 1,000 rows) of pipeline {@code slow} until released. */
    @TestConfiguration
    static class Hold {
        @Bean
        Processor holdAtTheThirdBatch() {
            AtomicInteger batches = new AtomicInteger();
            return exchange -> {
                if (batches.incrementAndGet() == 3) {
                    HELD.countDown();
                    RELEASE.await(PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
                }
            };
        }
    }

    /** Started in the background while Spring starts the hub; {@link #openBrowser()} waits for it. */
    private static CompletableFuture<WebDriver> starting;

    private static WebDriver browser;
    private static WebDriverWait wait;

    /** On a failure, what the browser showed: target/console-it/{test}.png and .html. */
    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            try {
                Path folder = Files.createDirectories(Path.of("target", "console-it"));
                String name = context.getRequiredTestMethod().getName();
                Files.write(
                        folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                Files.writeString(folder.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(SOURCES.resolve("people"));
        Files.writeString(
                SOURCES.resolve("people").resolve("people.csv"),
                "id,name,email\n1,Ada,ada@example.org\n2,\"Hopper, Grace\",grace@example.net\n3,Alan,alan@example.com\n",
                StandardCharsets.UTF_8);
        StringBuilder many = new StringBuilder("id,name\n");
        for (int i = 1; i <= 5_000; i++) {
            many.append(i).append(",name-").append(i).append('\n');
        }
        Files.createDirectories(SOURCES.resolve("slow"));
        Files.writeString(SOURCES.resolve("slow").resolve("many.csv"), many, StandardCharsets.UTF_8);
        // A nightly cron (so the page has a schedule and next fires) that the user runs by hand.
        Path config = Files.writeString(
                HOME.resolveSibling("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:%s/people?noop=true"
                      format: csv
                      into: people
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                    - id: slow
                      from: "file:%s/slow?noop=true"
                      format: csv
                      into: slow
                      schedule: "0 0 3 * * ?"
                      steps:
                        - processor: holdAtTheThirdBatch
                """.formatted(SOURCES.toAbsolutePath(), SOURCES.toAbsolutePath()));
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.config", config::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.ingest.batch-rows", () -> "1000");
        // Vector indexes embed with the fast, deterministic feature-hashing provider.
        registry.add("lakehub.vector.provider", () -> "hashing");
        registry.add("lakehub.vector.dimensions", () -> "128");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The console's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver). .ci/run installs them; on a developer"
                    + " machine run: apt-get install -y chromium chromium-driver");
        }
        // No Selenium Manager (it would try to download a driver), no usage statistics, no tracing.
        System.setProperty("se.avoidStats", "true");
        System.setProperty("webdriver.remote.enableTracing", "false");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Files.createDirectories(DOWNLOADS);
        Path profile = Files.createTempDirectory(HOME.getParent(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,900");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        DOWNLOADS.toAbsolutePath().toString(),
                        "download.prompt_for_download",
                        false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(HOME.getParent().toFile(), "chromedriver.log"))
                .build();
        starting = CompletableFuture.supplyAsync(() -> new ChromeDriver(service, options));
    }

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = starting.join();
            // Live pages redraw on every poll: an element found a moment ago may be gone, so a
            // condition that trips over a redrawn element is simply evaluated again.
            wait = new WebDriverWait(browser, PATIENCE);
            wait.ignoring(StaleElementReferenceException.class);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (starting != null) {
            starting.handle((started, failure) -> {
                        if (started != null) {
                            started.quit();
                        }
                        return null;
                    })
                    .join();
        }
    }

    @Test
    void aUserRunsAPipelineSeesItFinishAndQueriesItsRows() throws Exception {
        browser.get(url("/"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Datasets"));
        assertThat(browser.findElement(By.id("hub-status")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("index-search")).isDisplayed())
                .as("no vector index endpoint yet: the search box stays hidden")
                .isFalse();

        // Pipelines: the schedule and its next fires, then "Run now" and the run finishing on its own.
        browser.findElement(By.linkText("Pipelines")).click();
        WebElement pipelines =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=pipelines]")));
        assertThat(pipelines.getText()).contains("people", "0 0 3 * * ?", "UTC", "active", "never run");
        browser.findElement(By.cssSelector("button[aria-label='Run now people']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Started run"));
        WebElement lastRun = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=last-run][data-pipeline=people][data-status=succeeded]")));
        assertThat(lastRun.getText()).contains("succeeded", "3 rows");

        // The run's log.
        lastRun.findElement(By.tagName("a")).click();
        WebElement log =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=run-log]")));
        wait.until(ExpectedConditions.textToBePresentInElement(log, "SUCCEEDED with 3 rows"));
        // Snapshot ids count across datasets: another test's pipeline may have committed first.
        assertThat(log.getText()).containsPattern("Committed snapshot \\d+ of dataset people: 3 rows");

        // SQL: the rows the run wrote, then the same rows as a CSV file.
        browser.findElement(By.linkText("SQL")).click();
        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.id("sql-editor")));
        editor.clear();
        editor.sendKeys("SELECT id, name FROM people ORDER BY id");
        browser.findElement(By.id("sql-run")).click();
        WebElement result =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=sql-result]")));
        assertThat(result.findElements(By.cssSelector("thead th")))
                .extracting(th -> th.getText().lines().findFirst().orElse(""))
                .containsExactly("id", "name");
        assertThat(result.findElements(By.cssSelector("tbody tr")))
                .extracting(WebElement::getText)
                .containsExactly("1 Ada", "2 Hopper, Grace", "3 Alan");
        assertThat(browser.findElement(By.id("sql-status")).getText()).startsWith("3 rows");
        browser.findElement(By.id("sql-csv")).click();
        Path csv = DOWNLOADS.resolve("lakehub-query.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        assertThat(Files.readString(csv, StandardCharsets.UTF_8))
                .isEqualTo("id,name\r\n1,Ada\r\n2,\"Hopper, Grace\"\r\n3,Alan\r\n");

        // Datasets: the commit the run made, with what it did to the rows, and its lineage.
        browser.findElement(By.linkText("Datasets")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("people")))
                .click();
        WebElement snapshots =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=snapshots]")));
        List<WebElement> cells = snapshots.findElements(By.cssSelector("tbody tr:first-child td"));
        assertThat(cells.get(4).getText()).as("rows").isEqualTo("3");
        assertThat(cells.get(5).getText()).as("inserted").isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("[data-testid=lineage]")).getText())
                .contains("people");
        assertThat(browser.findElement(By.cssSelector("[data-testid=freshness]"))
                        .getText())
                .matches("last commit \\d+ s ago");
        // The schema shows each column's classification as the catalog stored it with the commit.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[@data-testid='columns']//th[.='PII']")));
        wait.until(ExpectedConditions.textMatches(
                By.cssSelector("[data-testid=columns] [data-pii=EMAIL]"),
                java.util.regex.Pattern.compile("^EMAIL [01]\\.\\d\\d$")));
        assertThat(browser.findElement(By.cssSelector("[data-testid=columns] [data-pii=EMAIL]"))
                        .getAttribute("title"))
                .as("the sample behind the classification")
                .contains("3 values sampled", "match ratio 1.000", "schema v1");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=columns] [data-pii=none]"), "none"));

        // Audit: the chain holds and the commit is in the journal; the filter narrows it down.
        browser.findElement(By.linkText("Audit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=audit-verify]"), "intact"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=audit]"), "dataset.commit"));
        browser.findElement(By.id("audit-entity")).sendKeys("no-such-entity");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "No event matches."));

        // Jobs: the pipeline with its last run, next to the maintenance jobs.
        browser.findElement(By.linkText("Jobs")).click();
        WebElement jobs =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=jobs]")));
        assertThat(jobs.getText()).contains("people", "pipeline", "succeeded", "maintenance");
        // Between the ingests and the jobs: the vector index refreshes and autotune runs (GET /api/index-jobs).
        WebElement indexWork = browser.findElement(By.cssSelector("[data-testid=index-work]"));
        assertThat(indexWork.findElement(By.tagName("h2")).getText()).isEqualTo("Index work");
        wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(
                indexWork, By.cssSelector("[data-testid=index-jobs]")));
    }

    @Test
    void aRunningPipelineShowsItsProgressLiveOnThePipelinesAndJobsPages() {
        browser.get(url("/#/pipelines"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("localStorage.setItem('lakehub.console.poll-millis', '300')");
        try {
            browser.navigate().refresh();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Run now slow']")))
                    .click();
            // Each poll redraws the bar (its rate changes), so everything is looked up afresh.
            By bar = By.cssSelector(
                    "[data-testid=last-run][data-pipeline=slow][data-status=running] [data-testid=progress]");
            wait.until(
                    ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector(
                                    "[data-testid=last-run][data-pipeline=slow][data-status=running] [data-testid=progress] progress")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(bar, "3,000 rows"));

            browser.findElement(By.linkText("Jobs")).click();
            By ingests = By.cssSelector("[data-testid=ingests]");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(ingests, "pipeline slow"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(ingests, "many.csv"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(ingests, "3,000 rows"));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-testid=ingests] [data-testid=progress] progress")));

            RELEASE.countDown();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-testid=ingests]"), "No ingest in progress"));
        } finally {
            RELEASE.countDown();
            js.executeScript("localStorage.removeItem('lakehub.console.poll-millis')");
        }
    }

    @Test
    void aRefusedStatementShowsTheApisOwnError() throws Exception {
        String statement = "COPY (SELECT 1) TO '/tmp/lakehub-console-it.csv'";
        String apiError = JSON.readTree(postSql(statement)).path("error").asText();
        assertThat(apiError).isNotBlank();

        browser.get(url("/#/sql"));
        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.id("sql-editor")));
        editor.clear();
        editor.sendKeys(statement);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement error =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#sql-results [role=alert]")));
        assertThat(error.getText()).isEqualTo(apiError);
        assertThat(browser.findElement(By.id("sql-status")).getText()).isEqualTo("Refused (HTTP 400)");
        assertThat(browser.findElement(By.id("sql-csv")).isEnabled()).isFalse();
    }

    @Test
    void pagesPollTheApiWhileTheTabIsVisibleAndStopWhileItIsHidden() {
        browser.get(url("/#/datasets"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("localStorage.setItem('lakehub.console.poll-millis', '300')");
        try {
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main h1")));
            js.executeScript("window.apiCalls = 0; const f = window.fetch;"
                    + " window.fetch = (...a) => { window.apiCalls++; return f(...a); };");
            await().atMost(PATIENCE).until(() -> apiCalls(js) >= 2);

            js.executeScript("Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                    + " document.dispatchEvent(new Event('visibilitychange')); window.apiCalls = 0;");
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> apiCalls(js) == 0);

            js.executeScript("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                    + " document.dispatchEvent(new Event('visibilitychange'));");
            await().atMost(PATIENCE).until(() -> apiCalls(js) >= 2);
        } finally {
            js.executeScript("localStorage.removeItem('lakehub.console.poll-millis')");
        }
    }

    @Test
    void aUserSearchesAVectorIndexFromTheHeaderAndSeesTheHitWithItsRow() throws Exception {
        Path notes = Files.writeString(
                HOME.resolveSibling("console-notes.csv"),
                "id,topic,body\n"
                        + "1,fruit,\"Apples and pears grow in the orchard behind the farm.\"\n"
                        + "2,fruit,\"A ripe banana smoothie with mango and yoghurt.\"\n"
                        + "3,tech,\"Java virtual threads make blocking code scale.\"\n",
                StandardCharsets.UTF_8);
        assertThat(call(
                                "POST",
                                "/api/ingest",
                                JSON.writeValueAsString(Map.of("path", notes.toString(), "dataset", "console_notes")))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> created = call(
                "POST",
                "/api/indexes",
                "{\"name\": \"notes_idx\", \"dataset\": \"console_notes\", \"key_column\": \"id\","
                        + " \"text_column\": \"body\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            HttpResponse<String> accepted = call("POST", "/api/indexes/notes_idx/refresh", "{}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String job = JSON.readTree(accepted.body()).path("job").asText();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> JSON.readTree(
                                    call("GET", "/api/jobs/" + job, null).body())
                            .path("status")
                            .asText()
                            .equals("succeeded"));

            browser.get(url("/"));
            WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("index-search")));
            assertThat(box.findElements(By.cssSelector("#index-name option")))
                    .extracting(WebElement::getText)
                    .contains("notes_idx");
            new Select(browser.findElement(By.id("index-name"))).selectByValue("notes_idx");
            WebElement query = browser.findElement(By.id("index-query"));
            query.clear();
            query.sendKeys("banana smoothie with mango", Keys.ENTER);

            WebElement hits = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table[data-testid=search-hits]")));
            assertThat(hits.findElements(By.cssSelector("thead th")))
                    .extracting(WebElement::getText)
                    .containsSubsequence("key", "score", "chunk", "id", "topic", "body");
            WebElement best = hits.findElement(By.cssSelector("tbody tr:first-child"));
            assertThat(best.getDomAttribute("data-key")).isEqualTo("2");
            assertThat(best.getText()).contains("banana smoothie", "fruit");
            assertThat(browser.findElement(By.id("search-status")).getText()).matches("\\d+ hits? in \\d+ ms");
            assertThat(browser.getCurrentUrl()).contains("#/search?index=notes_idx&q=banana");

            // A refused search shows the API's own message: here, an index that does not exist.
            String apiError = JSON.readTree(call("POST", "/api/indexes/no_such_idx/search", "{\"query\": \"banana\"}")
                            .body())
                    .path("error")
                    .asText();
            assertThat(apiError).isNotBlank();
            browser.get(url("/#/search?index=no_such_idx&q=banana"));
            WebElement error = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#search-results [role=alert]")));
            assertThat(error.getText()).isEqualTo(apiError);
            assertThat(browser.findElement(By.id("search-status")).getText()).isEqualTo("Refused (HTTP 404)");

            // The refresh is on the Jobs page's "Index work", its index linked to the search page.
            browser.findElement(By.linkText("Jobs")).click();
            WebElement indexLink = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=index-jobs] a[href='#/search?index=notes_idx']")));
            assertThat(indexLink.getText()).isEqualTo("notes_idx");
            WebElement row = indexLink.findElement(By.xpath("ancestor::tr"));
            assertThat(row.getText()).contains("index-refresh", "succeeded", "chunks embedded", "3 rows: 3 added");
        } finally {
            // The other tests expect a hub without indexes (the search box hidden).
            call("DELETE", "/api/indexes/notes_idx", null);
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static long apiCalls(JavascriptExecutor js) {
        return ((Number) js.executeScript("return window.apiCalls;")).longValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String postSql(String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/api/sql")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql))))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            return response.body();
        }
    }
}
