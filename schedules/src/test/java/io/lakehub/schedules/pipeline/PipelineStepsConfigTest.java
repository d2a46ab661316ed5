package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code steps:} list of a pipeline: parsed in order, validated by key like every other key. */
class PipelineStepsConfigTest {
    private static final String FILE = "config/lakehub.yaml";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of("MASK_COLUMN", "email"));

    /** A valid pipeline at lines 3-5, its steps from line 7 on. */
    private static String withSteps(String steps) {
        return """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:inbox/people"
                      into: people
                      steps:
                %s""".formatted(steps.indent(8));
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }

    @Test
    void everyKindOfStepIsReadInOrder() {
        PipelineDefinition p =
                loader.parse(withSteps("""
                                - drop-columns: [ssn, notes]
                                - rename-columns: { fullname: name, "e mail": email }
                                - class: io.lakehub.schedules.pipeline.PipelineStepsConfigTest$MaskStep
                                - class: io.lakehub.schedules.pipeline.PipelineStepsConfigTest$MaskStep
                                  name: mask
                                  options: { column: "${MASK_COLUMN}", keep: 4 }
                                - processor: scrubber
                                """), FILE).pipeline("people").orElseThrow();

        assertThat(p.steps())
                .containsExactly(
                        new StepConfig.DropColumns(List.of("ssn", "notes"), FILE + ":7"),
                        new StepConfig.RenameColumns(Map.of("fullname", "name", "e mail", "email"), FILE + ":8"),
                        new StepConfig.JavaClass(
                                "io.lakehub.schedules.pipeline.PipelineStepsConfigTest$MaskStep",
                                Map.of(),
                                "MaskStep",
                                FILE + ":9"),
                        new StepConfig.JavaClass(
                                "io.lakehub.schedules.pipeline.PipelineStepsConfigTest$MaskStep",
                                Map.of("column", "email", "keep", "4"),
                                "mask",
                                FILE + ":10"),
                        new StepConfig.CamelProcessor("scrubber", "scrubber", FILE + ":13"));
        assertThat(((StepConfig.RenameColumns) p.steps().get(1)).renames().keySet())
                .containsExactly("fullname", "e mail");
    }

    @Test
    void aPipelineWithoutStepsHasNone() {
        assertThat(loader.parse(withSteps("[]"), FILE)
                        .pipeline("people")
                        .orElseThrow()
                        .steps())
                .isEmpty();
    }

    @Test
    void badStepsAreEachReportedWithFileLineAndKey() {
        assertThat(problems(withSteps("""
                        - drop-colums: [ssn]
                        - class: com.acme.NotThere
                        - class: java.lang.String
                        - class: io.lakehub.schedules.pipeline.PipelineStepsConfigTest$NoDefaultConstructor
                        - class: io.lakehub.schedules.pipeline.PipelineStepsConfigTest$MaskStep
                          options: { column: [a, b] }
                        - drop-columns: []
                        - drop-columns: [a, A]
                        - rename-columns: { a: x, b: X }
                        - processor: scrubber
                          options: { x: 1 }
                        - drop-columns: [a]
                          processor: scrubber
                        - processor:
                        - just-a-string
                        """)))
                .containsExactly(
                        FILE + ":7: lakehub.pipelines[0].steps[0].drop-colums: unknown key 'drop-colums' (did you mean"
                                + " 'drop-columns'?); known keys: drop-columns, rename-columns, class, options,"
                                + " processor, name",
                        FILE + ":7: lakehub.pipelines[0].steps[0]: a step needs one of drop-columns, rename-columns,"
                                + " class, processor",
                        FILE + ":8: lakehub.pipelines[0].steps[1].class: class 'com.acme.NotThere' is not on the"
                                + " hub's class path (put its jar in the hub's class path)",
                        FILE + ":9: lakehub.pipelines[0].steps[2].class: class 'java.lang.String' does not implement"
                                + " io.lakehub.processors.chain.Step",
                        FILE + ":10: lakehub.pipelines[0].steps[3].class: class"
                                + " 'io.lakehub.schedules.pipeline.PipelineStepsConfigTest$NoDefaultConstructor' has no"
                                + " public constructor without arguments",
                        FILE + ":12: lakehub.pipelines[0].steps[4].options.column: expected a single value, not a"
                                + " list or mapping",
                        FILE + ":13: lakehub.pipelines[0].steps[5].drop-columns: expected a list of column names,"
                                + " e.g. [ssn, notes]",
                        FILE + ":14: lakehub.pipelines[0].steps[6].drop-columns[1]: column 'A' is listed twice",
                        FILE + ":15: lakehub.pipelines[0].steps[7].rename-columns.b: two columns are renamed to 'X'",
                        FILE + ":17: lakehub.pipelines[0].steps[8].options: options only apply to a class step",
                        FILE + ":18: lakehub.pipelines[0].steps[9]: a step has exactly one kind, but this one has"
                                + " drop-columns and processor; write them as separate steps",
                        FILE + ":20: lakehub.pipelines[0].steps[10].processor: is empty; give the name of a Camel"
                                + " Processor bean",
                        FILE + ":21: lakehub.pipelines[0].steps[11]: expected a step: one of drop-columns,"
                                + " rename-columns, class, processor, e.g. - drop-columns: [ssn]");
    }

    @Test
    void stepsMustBeAList() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - id: people
                              from: "file:inbox/people"
                              into: people
                              steps: { drop-columns: [ssn] }
                        """))
                .containsExactly(FILE + ":6: lakehub.pipelines[0].steps: expected a list of steps, e.g. steps:"
                        + " [{ drop-columns: [ssn] }]");
    }

    /** A user step with a public no-argument constructor. */
    public static final class MaskStep implements io.lakehub.processors.chain.Step {
        @Override
        public io.lakehub.catalog.schema.LakeSchema prepare(
                io.lakehub.processors.chain.StepContext ctx, io.lakehub.catalog.schema.LakeSchema input) {
            return input;
        }

        @Override
        public org.apache.arrow.vector.VectorSchemaRoot apply(org.apache.arrow.vector.VectorSchemaRoot batch) {
            return batch;
        }

        @Override
        public io.lakehub.processors.chain.StepReport finish() {
            return io.lakehub.processors.chain.StepReport.none();
        }
    }

    /** Not instantiable by the hub. */
    public static final class NoDefaultConstructor implements io.lakehub.processors.chain.Step {
        private final int x;

        public NoDefaultConstructor(int x) {
            this.x = x;
        }

        @Override
        public io.lakehub.catalog.schema.LakeSchema prepare(
                io.lakehub.processors.chain.StepContext ctx, io.lakehub.catalog.schema.LakeSchema input) {
            return input;
        }

        @Override
        public org.apache.arrow.vector.VectorSchemaRoot apply(org.apache.arrow.vector.VectorSchemaRoot batch) {
            return batch;
        }

        @Override
        public io.lakehub.processors.chain.StepReport finish() {
            return io.lakehub.processors.chain.StepReport.of("x", x);
        }
    }
}
