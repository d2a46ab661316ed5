package io.lakehub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakehub.inbox.waiting} counts what the inbox route would take, and nothing else. */
class QueuedWorkMetricsTest {

    @TempDir
    Path inbox;

    @Test
    void countsFilesOneFolderDeepButNotTempDotOrDoneFiles() throws Exception {
        write("orders/a.csv");
        write("orders/b.json");
        write("people/c.csv");
        write("orders/copying.csv.part");
        write("orders/download.crdownload");
        write("orders/.hidden.csv");
        write("orders/.processed/old.csv");
        write("orders/.failed/bad.csv");
        write("orders/deeper/d.csv");
        write("top-level.csv");
        Files.createDirectories(inbox.resolve(".tmp"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new QueuedWorkMetrics(inbox, () -> {
                    throw new AssertionError("the run gauge is read only when scraped");
                })
                .bindTo(registry);

        assertThat(registry.get(QueuedWorkMetrics.INBOX_WAITING).gauge().value())
                .isEqualTo(3);
    }

    @Test
    void anInboxThatDoesNotExistYetHasNothingWaiting() {
        assertThat(new QueuedWorkMetrics(inbox.resolve("missing"), () -> null).inboxFiles())
                .isZero();
    }

    private void write(String relative) throws Exception {
        Path file = inbox.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x\n1\n");
    }
}
