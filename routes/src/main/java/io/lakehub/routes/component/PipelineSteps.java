package io.lakehub.routes.component;

import io.lakehub.processors.chain.DropColumnsStep;
import io.lakehub.processors.chain.RenameColumnsStep;
import io.lakehub.processors.chain.Step;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.schedules.pipeline.StepConfig;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * Turns a pipeline's validated {@code steps:} into {@link StepDefinition}s the ingest runs. {@code
 * processor:} beans are looked up in the Camel registry here, when the pipeline's routes are added,
 * so a missing bean stops the pipeline from starting, naming it; everything else was checked when
 * the configuration was loaded.
 */
public final class PipelineSteps {

    private PipelineSteps() {}

    /**
     * @param pipeline the pipeline's id, for messages
     * @throws IllegalArgumentException a processor bean is not in the registry (names the bean, the
     *     pipeline and where the step is declared)
     */
    public static StepList of(String pipeline, List<StepConfig> steps, CamelContext camel) {
        List<StepDefinition> definitions = new ArrayList<>(steps.size());
        for (StepConfig step : steps) {
            definitions.add(definition(pipeline, step, camel));
        }
        return new StepList(definitions);
    }

    private static StepDefinition definition(String pipeline, StepConfig step, CamelContext camel) {
        return switch (step) {
            case StepConfig.DropColumns d -> StepDefinition.of(d.name(), () -> new DropColumnsStep(d.columns()));
            case StepConfig.RenameColumns r -> StepDefinition.of(r.name(), () -> new RenameColumnsStep(r.renames()));
            case StepConfig.JavaClass c -> new StepDefinition(c.name(), c.options(), () -> instantiate(c));
            case StepConfig.CamelProcessor p -> {
                Processor processor = camel.getRegistry().lookupByNameAndType(p.bean(), Processor.class);
                if (processor == null) {
                    throw new IllegalArgumentException(
                            "Pipeline " + pipeline + " (" + p.origin() + "): step processor '"
                                    + p.bean() + "' is not a Camel Processor bean in the registry; the pipeline was not"
                                    + " started");
                }
                yield new StepDefinition(p.name(), Map.of(), () -> new ProcessorStep(camel, processor));
            }
        };
    }

    private static Step instantiate(StepConfig.JavaClass c) {
        try {
            Class<?> type = Class.forName(c.className(), true, classLoader());
            return (Step) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(
                    "the constructor of " + c.className() + " failed: "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new IllegalStateException(
                    "class " + c.className() + " (" + c.origin() + ") cannot be made into a step: " + e, e);
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : PipelineSteps.class.getClassLoader();
    }
}
