package io.lakehub.routes.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.processors.chain.PartitionColumnsStep;
import io.lakehub.processors.testing.RecordingIngestService;
import io.lakehub.processors.testing.RecordingIngestService.Call;
import io.lakehub.routes.component.LakehubComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxRouteTest extends CamelTestSupport {
    /** Long enough that a file written by the test is still "being written" while we look. */
    private static final Duration MIN_AGE = Duration.ofMillis(1500);

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.089Z");

    @TempDir
    Path home;

    private final RecordingIngestService ingest = new RecordingIngestService();

    /** A space in the path, as in many users' home folders. */
    private Path inbox() {
        return home.resolve("lake hub/inbox");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("lakehub", new LakehubComponent(ingest, home.resolve("tmp")));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new InboxRoute(
                new InboxSettings(inbox(), Duration.ofMillis(50), MIN_AGE), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void fileInANewDatasetFolderIsIngestedAndMovedToProcessed() throws IOException {
        Path dropped = drop("people/a.csv", "id,name\n1,x\n");

        Path processed = inbox().resolve("people/.processed/a.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(processed));

        assertThat(dropped).doesNotExist();
        assertThat(processed).hasContent("id,name\n1,x");
        Call call = ingest.calls.getFirst();
        assertThat(call.request().dataset().value()).isEqualTo("people");
        assertThat(call.request().actor()).isEqualTo("inbox");
        assertThat(call.request().sourceSystem()).isEqualTo("inbox");
        assertThat(call.request().file()).isEqualTo(dropped.toAbsolutePath());
        assertThat(call.content()).isEqualTo("id,name\n1,x\n");
    }

    @Test
    void aSecondFileOfTheSameNameDoesNotReplaceTheFirst() throws IOException {
        drop("people/a.csv", "id\n1\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve("people/.processed/a.csv")));

        drop("people/a.csv", "id\n2\n");
        Path second = inbox().resolve("people/.processed/a-20250304T050607089Z.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(second));

        assertThat(inbox().resolve("people/.processed/a.csv")).hasContent("id\n1");
        assertThat(second).hasContent("id\n2");
    }

    @Test
    void duplicateContentIsMovedToProcessedToo() throws IOException {
        drop("people/a.csv", "id\n1\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve("people/.processed/a.csv")));

        drop("people/b.csv", "id\n1\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve("people/.processed/b.csv")));
        assertThat(inbox().resolve("people/.failed")).doesNotExist();
    }

    @Test
    void anEmptyFileIsASuccessAndIsMovedToProcessed() throws IOException {
        drop("people/nothing-today.csv", "");

        Path processed = inbox().resolve("people/.processed/nothing-today.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(processed));

        assertThat(inbox().resolve("people/.failed")).doesNotExist();
        assertThat(ingest.calls)
                .singleElement()
                .satisfies(c -> assertThat(c.content()).isEmpty());
    }

    @Test
    void refusedFileGoesToFailedWithItsOneLineReason() throws IOException {
        drop("people/bad.csv", "age\n1\nREFUSE\n");

        Path failed = inbox().resolve("people/.failed/bad.csv");
        Path error = inbox().resolve("people/.failed/bad.csv.error.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(failed) && Files.exists(error));

        assertThat(inbox().resolve("people/bad.csv")).doesNotExist();
        List<String> lines = Files.readAllLines(error, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("bad.csv: line 3, column 'age'").contains("Nothing was written");
        assertNoTempFiles(inbox().resolve("people/.failed"));
    }

    @Test
    void aSecondRefusalOfTheSameNameKeepsTheFirstAndItsReason() throws IOException {
        drop("people/bad.csv", "REFUSE\n");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(inbox().resolve("people/.failed/bad.csv.error.txt")));

        drop("people/bad.csv", "x\nREFUSE\n");
        Path second = inbox().resolve("people/.failed/bad-20250304T050607089Z.csv.error.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(second));

        assertThat(inbox().resolve("people/.failed/bad.csv.error.txt"))
                .content()
                .contains("line 1");
        assertThat(second).content().contains("line 2");
        assertThat(inbox().resolve("people/.failed/bad-20250304T050607089Z.csv"))
                .hasContent("x\nREFUSE");
    }

    @Test
    void folderThatIsNotADatasetNameSendsItsFilesToFailedWithTheReason() throws IOException {
        drop("My Data/x.csv", "id\n1\n");

        Path error = inbox().resolve("My Data/.failed/x.csv.error.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(error));

        assertThat(inbox().resolve("My Data/.failed/x.csv")).exists();
        assertThat(error)
                .content()
                .contains("x.csv: its folder is not a dataset name")
                .contains("Invalid dataset name 'My Data'")
                .contains("nothing was written");
        assertThat(ingest.calls).isEmpty();
    }

    @Test
    void onlyFilesOneFolderDeepThatAreNotHiddenOrTemporaryAreTaken() throws IOException {
        List<Path> ignored = List.of(
                drop("loose.csv", "id\n1\n"),
                drop("people/sub/deep.csv", "id\n1\n"),
                drop("people/.hidden.csv", "id\n1\n"),
                drop("people/.processed/old.csv", "id\n1\n"),
                drop("people/copying.csv.tmp", "id\n1\n"),
                drop("people/download.csv.part", "id\n1\n"),
                drop("people/edit.csv~", "id\n1\n"));
        drop("people/real.csv", "id\n1\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve("people/.processed/real.csv")));

        assertThat(ignored).allSatisfy(p -> assertThat(p).exists());
        assertThat(ingest.calls)
                .extracting(c -> c.request().file().getFileName().toString())
                .containsExactly("real.csv");
    }

    @Test
    void filesInHivePartitionFoldersCarryTheirKeyValuePairsAndKeepTheTreeInProcessed() throws IOException {
        Path dropped = drop("sales/year=2024/month=1/part.csv", "id\n1\n");
        Path other = drop("sales/year=2025/month=2/part.csv", "id\n2\n");
        Path notAPartition = drop("sales/year=2024/sub/x.csv", "id\n3\n");

        Path processed = inbox().resolve("sales/.processed/year=2024/month=1/part.csv");
        Path processedOther = inbox().resolve("sales/.processed/year=2025/month=2/part.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(processed) && Files.exists(processedOther));

        assertThat(dropped).doesNotExist();
        assertThat(other).doesNotExist();
        assertThat(notAPartition)
                .as("a folder that is not key=value is left alone")
                .exists();
        assertThat(ingest.calls).hasSize(2);
        Call call = ingest.calls.stream()
                .filter(c -> c.request().file().equals(dropped.toAbsolutePath()))
                .findFirst()
                .orElseThrow();
        assertThat(call.request().dataset().value()).isEqualTo("sales");
        assertThat(call.request().steps())
                .singleElement()
                .satisfies(step -> assertThat(step.name()).isEqualTo(PartitionColumnsStep.NAME));
        assertThat(call.request().steps().getFirst().factory().get()).isInstanceOf(PartitionColumnsStep.class);
    }

    @Test
    void aRefusedFileFromPartitionFoldersGoesToFailedBelowTheSameFolders() throws IOException {
        drop("sales/year=2024/bad.csv", "REFUSE\n");

        Path error = inbox().resolve("sales/.failed/year=2024/bad.csv.error.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(error));

        assertThat(inbox().resolve("sales/.failed/year=2024/bad.csv")).exists();
        assertThat(error).content().contains("bad.csv");
    }

    @Test
    void aFileStillBeingWrittenIsNotTakenUntilItHasSettled() throws IOException {
        Path slow = inbox().resolve("people/slow.csv");
        Files.createDirectories(slow.getParent());
        Files.writeString(slow, "id\n1\n");

        // Modified just now: younger than the minimum age, so the consumer must leave it alone.
        await().during(Duration.ofMillis(800))
                .atMost(Duration.ofSeconds(2))
                .until(() -> Files.exists(slow) && ingest.calls.isEmpty());

        Files.writeString(slow, "2\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(slow, FileTime.from(Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve("people/.processed/slow.csv")));

        assertThat(ingest.calls).singleElement().extracting(Call::content).isEqualTo("id\n1\n2\n");
    }

    @Test
    void aCatalogOutageLeavesTheFileInPlaceAndItIsRetried() throws IOException {
        ingest.outages.set(2);

        drop("people/a.csv", "id\nOUTAGE\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox().resolve("people/.processed/a.csv")));
        assertThat(ingest.calls).hasSize(3);
        assertThat(inbox().resolve("people/.failed")).doesNotExist();
    }

    @Test
    void anUnexpectedErrorParksTheFileInFailedInsteadOfLooping() throws IOException {
        drop("people/a.csv", "id\nCRASH\n");

        Path error = inbox().resolve("people/.failed/a.csv.error.txt");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(error));

        assertThat(error).content().contains("unexpected error").contains("IllegalStateException");
        assertThat(ingest.calls).hasSize(1);
    }

    /**
     * Writes a file beside the inbox, dates it a minute back (so it counts as settled), then
     * renames it into place, like a well-behaved uploader.
     */
    private Path drop(String relative, String content) throws IOException {
        Path target = inbox().resolve(relative);
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempFile(home, "staging", ".bin");
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(staging, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void assertNoTempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }
}
