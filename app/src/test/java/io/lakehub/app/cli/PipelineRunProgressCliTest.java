package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestProgress;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lakehub pipeline run ID} on a home no hub holds, while its ingest has read 1,000 rows and
 * holds: on a terminal the run's progress is drawn as a bar on stderr; piped, nothing but the
 * result is printed, however long the run takes. The ingest holds on a latch that the bar's first
 * drawing releases (piped: that never comes, and the ingest goes on after twice the bar's delay).
 */
class PipelineRunProgressCliTest {
    /** Longer than the bar's first drawing (after one second) plus a redraw: a bar would have shown by then. */
    private static final Duration PIPED_WAIT = Duration.ofMillis(2_000);

    private static final String BAR = "pipeline people  1,000 rows";

    @TempDir
    Path temp;

    private final CountDownLatch drawn = new CountDownLatch(1);
    private volatile Duration hold = Duration.ofSeconds(20);

    @AfterEach
    void clearTheTerminal() {
        System.clearProperty(ProgressBar.TERMINAL_PROPERTY);
    }

    @Test
    void onATerminalTheRunsProgressIsDrawnAsABar() throws Exception {
        System.setProperty(ProgressBar.TERMINAL_PROPERTY, "true");

        Printed r = runPipeline();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(drawn.getCount()).as("the bar was drawn").isZero();
        assertThat(r.err()).contains(BAR).contains("rows/s");
        assertThat(r.out()).startsWith("run 1 of people: succeeded");
    }

    @Test
    void pipedNothingButTheResultIsPrinted() throws Exception {
        System.clearProperty(ProgressBar.TERMINAL_PROPERTY);
        hold = PIPED_WAIT;

        Printed r = runPipeline();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(drawn.getCount()).as("no bar was drawn").isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .startsWith("run 1 of people: succeeded")
                .doesNotContain("\033[")
                .doesNotContain("rows/s");
    }

    record Printed(int code, String out, String err) {}

    private Printed runPipeline() throws IOException {
        Path in = Files.createDirectories(temp.resolve("in"));
        Files.writeString(in.resolve("a.csv"), "id\n1\n2\n");
        Path config = Files.writeString(temp.resolve("lakehub.yaml"), """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:%s?noop=true"
                      format: csv
                      into: people
                      schedule: "0 0 3 * * ?"
                """.formatted(in.toAbsolutePath()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                if (toString().contains(BAR)) {
                    drawn.countDown();
                }
            }
        };
        CommandLine cli = LakehubCommand.commandLine(new HoldingBackends(), Duration.ofMillis(300));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(
                "--home", temp.resolve("home").toString(), "--config", config.toString(), "pipeline", "run", "people");
        return new Printed(code, out.toString(), err.toString());
    }

    /**
     * The in-memory back ends, whose ingest reports 1,000 rows read to whoever listens (as the real
     * ingest loop does after a batch), then holds until the bar was drawn or {@link #hold} passed.
     */
    private final class HoldingBackends implements HubBackends {
        private final FakeBackends fake = new FakeBackends();

        @Override
        public Catalog openCatalog(LakehubProperties properties) {
            return fake.openCatalog(properties);
        }

        @Override
        public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
            return fake.openSqlEngine(catalog, properties);
        }

        @Override
        public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
            IngestService real = fake.openIngestService(catalog, properties);
            return new IngestService() {
                @Override
                public IngestResult ingest(IngestRequest request) {
                    IngestProgress.current().batchRead(1_000);
                    try {
                        drawn.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return real.ingest(request);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        }
    }
}
