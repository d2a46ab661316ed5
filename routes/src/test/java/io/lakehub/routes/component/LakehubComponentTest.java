package io.lakehub.routes.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.testing.RecordingIngestService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehubComponentTest extends CamelTestSupport {

    @TempDir
    Path temp;

    private final RecordingIngestService ingest = new RecordingIngestService();

    private Path spool() {
        return temp.resolve("home/tmp");
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("lakehub", new LakehubComponent(ingest, spool()));
        return context;
    }

    @Test
    void fileBodyIsIngestedInPlaceAndOutcomeHeadersAreSet() throws Exception {
        Path csv = Files.writeString(temp.resolve("people.csv"), "id,name\n1,a\n2,b\n");

        Exchange out = template.request("lakehub:people", e -> e.getMessage().setBody(csv.toFile()));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeaders())
                .containsEntry(LakehubConstants.OUTCOME, "COMMITTED")
                .containsEntry(LakehubConstants.SNAPSHOT_ID, 1L)
                .containsEntry(LakehubConstants.ROWS, 2L)
                .containsEntry(LakehubConstants.DATASET, "people");
        var request = ingest.calls.getFirst().request();
        assertThat(request.file()).isEqualTo(csv.toAbsolutePath());
        assertThat(request.sourceUri()).isEqualTo(csv.toAbsolutePath().toString());
        assertThat(request.dataset().value()).isEqualTo("people");
        assertThat(request.actor()).isEqualTo("route");
        assertThat(request.sourceSystem()).isEqualTo("camel");
        assertThat(request.options().format()).isNull();
        assertThat(csv).exists();
    }

    @Test
    void pathBodyIsIngestedInPlace() throws Exception {
        Path csv = Files.writeString(temp.resolve("p.csv"), "id\n1\n");

        template.sendBody("lakehub:people", csv);

        assertThat(ingest.calls.getFirst().request().file()).isEqualTo(csv.toAbsolutePath());
    }

    @Test
    void bytesStreamsAndTextAreSpooledUnderTheSpoolDirectoryAndDeletedAfterwards() throws Exception {
        byte[] bytes = "id\n1\n".getBytes(StandardCharsets.UTF_8);
        template.sendBodyAndHeader("lakehub:people", bytes, Exchange.FILE_NAME, "upload/orders.csv");
        template.sendBody("lakehub:people?format=ndjson", new ByteArrayInputStream("{\"id\":2}\n".getBytes()));
        template.sendBodyAndHeader("lakehub:people", "id\n3\n", LakehubConstants.SOURCE_URI, "https://x/y.csv");

        assertThat(ingest.calls).hasSize(3);
        var first = ingest.calls.get(0);
        assertThat(first.content()).isEqualTo("id\n1\n");
        assertThat(first.request().file().startsWith(spool())).isTrue();
        assertThat(first.request().file()).hasFileName("orders.csv");
        assertThat(first.request().sourceUri()).isEqualTo("upload/orders.csv");
        var second = ingest.calls.get(1);
        assertThat(second.request().file()).hasFileName("body.ndjson");
        assertThat(second.request().options().format()).isEqualTo(Format.NDJSON);
        assertThat(second.content()).isEqualTo("{\"id\":2}\n");
        var third = ingest.calls.get(2);
        assertThat(third.content()).isEqualTo("id\n3\n");
        assertThat(third.request().sourceUri()).isEqualTo("https://x/y.csv");
        try (Stream<Path> left = Files.list(spool())) {
            assertThat(left).as("spooled copies are deleted").isEmpty();
        }
    }

    @Test
    void spooledCopyIsDeletedWhenTheIngestIsRefused() throws Exception {
        Exchange out = template.request("lakehub:people", e -> e.getMessage().setBody("id\nREFUSE\n"));

        assertThat(out.getException()).isInstanceOf(IngestRefusedException.class);
        try (Stream<Path> left = Files.list(spool())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void optionsReachTheIngestRequest() throws Exception {
        Path csv = Files.writeString(temp.resolve("p.txt"), "id\n1\n");

        template.sendBody(
                "lakehub:people?format=csv&widenToString=true&actor=nightly&sourceSystem=sftp&pipeline=p1", csv);

        var request = ingest.calls.getFirst().request();
        assertThat(request.options().format()).isEqualTo(Format.CSV);
        assertThat(request.widenToString()).isTrue();
        assertThat(request.actor()).isEqualTo("nightly");
        assertThat(request.sourceSystem()).isEqualTo("sftp");
        assertThat(request.pipeline()).isEqualTo("p1");
    }

    @Test
    void refusalIsThrownOnTheExchangeWithItsReason() throws Exception {
        Path bad = Files.writeString(temp.resolve("bad.csv"), "age\nREFUSE\n");

        Exchange out = template.request("lakehub:people", e -> e.getMessage().setBody(bad));

        assertThat(out.getException())
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("bad.csv: line 2, column 'age'");
        assertThat(out.getMessage().getHeader(LakehubConstants.OUTCOME)).isNull();
    }

    @Test
    void sameBytesAgainAreReportedAsDuplicateOfTheEarlierSnapshot() throws Exception {
        Path csv = Files.writeString(temp.resolve("p.csv"), "id\n1\n");
        template.sendBody("lakehub:people", csv);

        Exchange out = template.request("lakehub:people", e -> e.getMessage().setBody(csv));

        assertThat(out.getMessage().getHeader(LakehubConstants.OUTCOME)).isEqualTo("DUPLICATE");
        assertThat(out.getMessage().getHeader(LakehubConstants.SNAPSHOT_ID)).isEqualTo(1L);
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path gone = temp.resolve("gone.csv");

        Exchange out = template.request("lakehub:people", e -> e.getMessage().setBody(gone.toFile()));

        assertThat(out.getException())
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("gone.csv")
                .hasMessageContaining("Nothing was written");
        assertThat(ingest.calls).isEmpty();
    }

    @Test
    void invalidDatasetNameIsRejectedWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> context.getEndpoint("lakehub:People"))
                .hasStackTraceContaining("Invalid dataset name 'People'");
        assertThatThrownBy(() -> context.getEndpoint("lakehub:lakehub_audit")).hasStackTraceContaining("reserved");
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        Map<String, String> expectations = Map.of(
                "lakehub:people?mode=upsert", "option 'mode=upsert' needs option 'key'",
                "lakehub:people?key=id", "option 'key' only applies to mode=upsert",
                "lakehub:people?deletedColumn=is_deleted", "option 'deletedColumn' only applies to mode=upsert",
                "lakehub:people?mode=upsert&key=id,,x", "option 'key' has an empty column name",
                "lakehub:people?mode=merge", "option 'mode': 'merge' is not a mode; expected append or upsert",
                "lakehub:people?steps=#bean:nothingHere", "nothingHere",
                "lakehub:people?format=xml", "option 'format': Unknown format 'xml'",
                "lakehub:people?actor=", "option 'actor' may not be empty",
                "lakehub:people?widenToString=maybe", "widenToString",
                "lakehub:people?colour=blue", "colour");
        expectations.forEach((uri, message) ->
                assertThatThrownBy(() -> context.getEndpoint(uri)).as(uri).hasStackTraceContaining(message));
    }

    @Test
    void badRowOptionsReachTheIngestRequestAndBadValuesNameTheOption() throws Exception {
        Path csv = Files.writeString(temp.resolve("b.csv"), "id\n1\n");

        // As the hub writes a pipeline's max_bad_rows into the URI: the percent sign encoded.
        Exchange out = template.request(
                "lakehub:people?onBadRows=skip&maxBadRows=0.5%25",
                e -> e.getMessage().setBody(csv.toFile()));

        assertThat(out.getMessage().getHeaders()).containsEntry(LakehubConstants.BAD_ROWS, 0L);
        assertThat(ingest.calls.getFirst().request().badRows())
                .isEqualTo(io.lakehub.processors.ingest.BadRowPolicy.parse("skip", "0.5%"));
        assertThatThrownBy(() -> context.getEndpoint("lakehub:people?onBadRows=drop"))
                .hasStackTraceContaining("option 'onBadRows': on_bad_rows 'drop' is not one of fail, skip, rejects");
        assertThatThrownBy(() -> context.getEndpoint("lakehub:people?maxBadRows=many"))
                .hasStackTraceContaining("option 'maxBadRows': max_bad_rows 'many' is neither");
    }

    @Test
    void routeWithABadOptionFailsAtStartUp() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to("lakehub:people?mode=upsert");
                    }
                }))
                .hasStackTraceContaining("needs option 'key'");
    }

    @Test
    void modeKeyAndTheStepsBeanReachTheIngestRequest() throws Exception {
        StepList steps = new StepList(List.of(StepDefinition.of(
                "drop-columns", () -> new io.lakehub.processors.chain.DropColumnsStep(List.of("ssn")))));
        context.getRegistry().bind("peopleSteps", steps);
        Path csv = Files.writeString(temp.resolve("u.csv"), "id,ssn\n1,x\n");

        template.sendBody(
                "lakehub:people?mode=upsert&key=id,%20region&deletedColumn=is_deleted&steps=%23bean:peopleSteps", csv);
        template.sendBody("lakehub:people", csv);

        var upsert = ingest.calls.get(0).request();
        assertThat(upsert.mode()).isEqualTo(IngestMode.UPSERT);
        assertThat(upsert.key()).containsExactly("id", "region");
        assertThat(upsert.steps()).isEqualTo(steps.steps());
        assertThat(upsert.deletedColumn()).isEqualTo("is_deleted");
        var plain = ingest.calls.get(1).request();
        assertThat(plain.mode()).isEqualTo(IngestMode.APPEND);
        assertThat(plain.key()).isEmpty();
        assertThat(plain.steps()).isEmpty();
        assertThat(plain.deletedColumn()).isNull();
    }

    @Test
    void consumingFromTheLakeIsRefused() {
        assertThatThrownBy(() -> context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("lakehub:people").to("log:x");
                    }
                }))
                .hasStackTraceContaining("only ingests");
    }

    @Test
    void spoolFoldersLeftByACrashAreDeletedWhenTheComponentStarts() throws Exception {
        Path leftover = Files.createDirectories(temp.resolve("other-home/tmp/spool-123"));
        Files.writeString(leftover.resolve("upload.csv"), "id\n1\n");
        Path unrelated = Files.writeString(temp.resolve("other-home/tmp/keep.txt"), "not ours");

        try (CamelContext other = new DefaultCamelContext()) {
            other.addComponent("lakehub", new LakehubComponent(ingest, temp.resolve("other-home/tmp")));
            other.start();
            // Camel starts a component when it is first used.
            other.getEndpoint("lakehub:people");
        }

        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void componentWithoutAnIngestServiceRefusesToStart() throws Exception {
        try (CamelContext bare = new DefaultCamelContext()) {
            bare.addComponent("lakehub", new LakehubComponent(null, spool()));
            assertThatThrownBy(() -> {
                        bare.start();
                        bare.getEndpoint("lakehub:people").createProducer();
                    })
                    .hasStackTraceContaining("no ingestService");
        }
    }
}
