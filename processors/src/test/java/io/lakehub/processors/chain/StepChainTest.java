package io.lakehub.processors.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.ingest.IngestRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class StepChainTest {
    private static final DatasetName PEOPLE = DatasetName.of("people");

    @Test
    void repeatedNamesAreMadeUniqueAndReportsBecomeStepProperties() {
        try (BufferAllocator allocator = new RootAllocator();
                StepChain chain = StepChain.of(
                        List.of(
                                StepDefinition.of("drop-columns", () -> new DropColumnsStep(List.of("id"))),
                                StepDefinition.of("drop-columns", () -> new DropColumnsStep(List.of("x", "y")))),
                        PEOPLE,
                        "p",
                        allocator)) {
            assertThat(chain.names()).containsExactly("drop-columns", "drop-columns-2");
            assertThat(StepChain.properties(chain.finish()))
                    .containsExactly(
                            Map.entry("step.drop-columns.columns", "1"), Map.entry("step.drop-columns-2.columns", "2"));
        }
    }

    @Test
    void everyStepIsClosedAlsoWhenOneFailsToClose() {
        List<String> closed = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            StepChain chain = StepChain.of(
                    List.of(
                            StepDefinition.of("a", () -> new RecordingClose("a", closed, false)),
                            StepDefinition.of("b", () -> new RecordingClose("b", closed, true))),
                    PEOPLE,
                    null,
                    allocator);
            assertThatThrownBy(chain::close).hasMessage("b failed to close");
            assertThat(closed).containsExactly("b", "a");
        }
    }

    @Test
    void aStepThatCannotBeCreatedIsARefusalNamingIt() {
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThatThrownBy(() -> StepChain.of(
                            List.of(StepDefinition.of("mask", () -> {
                                throw new IllegalStateException("no licence key");
                            })),
                            PEOPLE,
                            null,
                            allocator))
                    .isInstanceOf(StepRefusedException.class)
                    .hasMessageContaining("step 'mask' could not be created: IllegalStateException: no licence key");
        }
    }

    @Test
    void anIngestRequestHasAFileOrASourceAndNoReservedProperties() {
        IngestRequest.Builder base =
                IngestRequest.builder(PEOPLE).sourceSystem("cli").actor("t");
        assertThatThrownBy(base::build).hasMessageContaining("either a file or a source, not neither");
        assertThatThrownBy(() -> base.file(Path.of("a.csv"))
                        .source(new ListSource(List.of(), 1))
                        .build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> IngestRequest.builder(PEOPLE)
                        .file(Path.of("a.csv"))
                        .sourceSystem("cli")
                        .actor("t")
                        .snapshotProperty("step.x.y", "1")
                        .build())
                .hasMessageContaining("reserved for step reports");
        IngestRequest request = IngestRequest.builder(PEOPLE)
                .file(Path.of("a.csv"))
                .sourceSystem("cli")
                .actor("t")
                .build();
        assertThat(request.sourceUri()).isEqualTo("a.csv");
        assertThat(request.toBuilder().pipeline("p").build().pipeline()).isEqualTo("p");
    }

    /** Records its close; optionally fails it. */
    static final class RecordingClose implements Step {
        private final String name;
        private final List<String> closed;
        private final boolean fail;

        RecordingClose(String name, List<String> closed, boolean fail) {
            this.name = name;
            this.closed = closed;
            this.fail = fail;
        }

        @Override
        public io.lakehub.catalog.schema.LakeSchema prepare(
                StepContext ctx, io.lakehub.catalog.schema.LakeSchema input) {
            return input;
        }

        @Override
        public org.apache.arrow.vector.VectorSchemaRoot apply(org.apache.arrow.vector.VectorSchemaRoot batch) {
            return batch;
        }

        @Override
        public StepReport finish() {
            return StepReport.none();
        }

        @Override
        public void close() {
            closed.add(name);
            if (fail) {
                throw new IllegalStateException(name + " failed to close");
            }
        }
    }
}
