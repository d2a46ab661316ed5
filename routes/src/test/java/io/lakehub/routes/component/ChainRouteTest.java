package io.lakehub.routes.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.schedules.pipeline.StepConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route into {@code lakehub:} with a pipeline's steps, on the real ingest and catalog: the Camel
 * processor step and the built-in steps change what lands, and the steps' reports are committed.
 */
class ChainRouteTest extends CamelTestSupport {

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private Ingestor ingestor;

    /** Multiplies the INT column 'score' by ten, in place (a fixed-width column keeps its buffers). */
    static final Processor TIMES_TEN = exchange -> {
        VectorSchemaRoot batch = exchange.getMessage().getBody(VectorSchemaRoot.class);
        assertThat(exchange.getMessage().getHeader(LakehubConstants.DATASET)).isEqualTo("people");
        assertThat(exchange.getMessage().getHeader(ProcessorStep.PIPELINE)).isEqualTo("people-pipe");
        IntVector score = (IntVector) batch.getVector("score");
        for (int i = 0; i < batch.getRowCount(); i++) {
            if (!score.isNull(i)) {
                score.set(i, score.get(i) * 10);
            }
        }
    };

    @Override
    protected CamelContext createCamelContext() throws Exception {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("hub")));
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(1));
        CamelContext context = super.createCamelContext();
        context.addComponent("lakehub", new LakehubComponent(ingestor, home.resolve("hub/tmp")));
        context.getRegistry().bind("timesTen", TIMES_TEN);
        context.getRegistry().bind("broken", (Processor) exchange -> {
            throw new IllegalStateException("scoring service unavailable");
        });
        return context;
    }

    @AfterEach
    void closeCatalog() {
        ingestor.close();
        catalog.close();
    }

    private void route(String id, List<StepConfig> steps) throws Exception {
        context.getRegistry().bind("steps-" + id, PipelineSteps.of(id, steps, context));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + id).to("lakehub:people?pipeline=people-pipe&steps=#bean:steps-" + id);
            }
        });
    }

    @Test
    void aCamelProcessorAndBuiltInStepsChangeWhatLands() throws Exception {
        route(
                "ok",
                List.of(
                        new StepConfig.DropColumns(List.of("ssn"), "t:1"),
                        new StepConfig.CamelProcessor("timesTen", "scoring", "t:2"),
                        new StepConfig.RenameColumns(Map.of("score", "points"), "t:3")));
        Path csv = Files.writeString(home.resolve("people.csv"), "id,score,ssn\n1,4,111\n2,,222\n3,7,333\n");

        Exchange out = template.request("direct:ok", e -> e.getMessage().setBody(csv.toFile()));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(LakehubConstants.OUTCOME)).isEqualTo("COMMITTED");
        try (DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog)) {
            var result = sql.query("SELECT * FROM people ORDER BY id");
            assertThat(result.columns()).extracting(c -> c.name()).containsExactly("id", "points");
            assertThat(result.rows()).containsExactly(List.of(1, 40), java.util.Arrays.asList(2, null), List.of(3, 70));
        }
        assertThat(catalog.snapshots(DatasetName.of("people")).getFirst().properties())
                .containsEntry("step.scoring.rows", "3")
                .containsEntry("step.scoring.batches", "1")
                .containsEntry("step.drop-columns.columns", "1");
    }

    @Test
    void aFailingProcessorRefusesTheMessageNamingTheStepAndWritesNothing() throws Exception {
        route("bad", List.of(new StepConfig.CamelProcessor("broken", "scoring", "t:1")));
        Path csv = Files.writeString(home.resolve("bad.csv"), "id,score\n1,4\n");

        Exchange out = template.request("direct:bad", e -> e.getMessage().setBody(csv.toFile()));

        assertThat(out.getException())
                .isInstanceOf(io.lakehub.processors.ingest.IngestRefusedException.class)
                .hasMessageContaining("bad.csv: step 'scoring': the Camel processor failed: IllegalStateException:"
                        + " scoring service unavailable");
        assertThat(catalog.dataset(DatasetName.of("people"))).isEmpty();
    }

    @Test
    void aMissingProcessorBeanStopsThePipelineFromStartingNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PipelineSteps.of(
                        "people-pipe",
                        List.of(new StepConfig.CamelProcessor("nope", "nope", "config.yaml:9")),
                        context))
                .hasMessageContaining("Pipeline people-pipe (config.yaml:9): step processor 'nope' is not a Camel"
                        + " Processor bean in the registry");
    }
}
