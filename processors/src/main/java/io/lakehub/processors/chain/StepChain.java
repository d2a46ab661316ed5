package io.lakehub.processors.chain;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowSchemas;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The steps of one ingest, in declaration order: made fresh from their {@link StepDefinition}s,
 * prepared against the source's schema, applied to each batch, finished into the properties
 * committed with the data, closed. Runs on the reading thread; not thread-safe.
 *
 * <p>A step's failure is a {@link StepRefusedException} naming the step: the source is refused and
 * nothing is written. A step that passes on a batch other than it declared (column count or types)
 * fails the same way, so a wrong step cannot write files the dataset's schema does not describe.
 */
public final class StepChain implements AutoCloseable {
    /** Snapshot property prefix of step reports: {@code step.<name>.<key>}. */
    public static final String PROPERTY_PREFIX = "step.";

    private final List<String> names = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<StepContext> contexts = new ArrayList<>();
    private final List<List<Field>> outputs = new ArrayList<>();
    private LakeSchema output;

    private StepChain() {}

    /** No steps: batches pass through untouched. */
    public static StepChain empty() {
        return new StepChain();
    }

    /**
     * Makes one instance of each defined step. Repeated names get {@code -2}, {@code -3} ... so that
     * each step's report keys are its own.
     */
    public static StepChain of(
            List<StepDefinition> definitions, DatasetName dataset, String pipeline, BufferAllocator allocator) {
        StepChain chain = new StepChain();
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (StepDefinition d : definitions) {
                int n = seen.merge(d.name(), 1, Integer::sum);
                String name = n == 1 ? d.name() : d.name() + "-" + n;
                Step step;
                try {
                    step = d.factory().get();
                } catch (RuntimeException e) {
                    throw new StepRefusedException("step '" + name + "' could not be created: " + describe(e), e);
                }
                chain.names.add(name);
                chain.steps.add(step);
                chain.contexts.add(new StepContext(name, dataset, pipeline, d.options(), allocator));
            }
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        return chain;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The names of the steps, in order, as their reports are recorded. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /**
     * Prepares every step in order.
     *
     * @return the schema of the batches leaving the chain (the input when there are no steps)
     * @throws StepRefusedException naming the step that cannot work on its input
     */
    public LakeSchema prepare(LakeSchema input) {
        LakeSchema schema = input;
        for (int i = 0; i < steps.size(); i++) {
            try {
                schema = steps.get(i).prepare(contexts.get(i), schema);
            } catch (RuntimeException e) {
                throw failed(i, e);
            }
            if (schema == null || schema.size() == 0) {
                throw new StepRefusedException(
                        "step '" + names.get(i) + "' declared no output columns; nothing would be written");
            }
            outputs.add(ArrowSchemas.toArrow(schema).getFields());
        }
        output = schema;
        return schema;
    }

    /** The schema {@link #prepare} returned. */
    public LakeSchema output() {
        if (output == null) {
            throw new IllegalStateException("the chain is not prepared");
        }
        return output;
    }

    /**
     * Runs {@code batch} through every step.
     *
     * @return the batch leaving the last step (possibly {@code batch} itself, possibly with no rows)
     */
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        VectorSchemaRoot current = batch;
        for (int i = 0; i < steps.size(); i++) {
            try {
                current = steps.get(i).apply(current);
            } catch (RuntimeException e) {
                throw failed(i, e);
            }
            check(i, current);
            if (current.getRowCount() == 0) {
                return current;
            }
        }
        return current;
    }

    private void check(int i, VectorSchemaRoot batch) {
        List<Field> expected = outputs.get(i);
        if (batch == null) {
            throw new StepRefusedException("step '" + names.get(i) + "' returned no batch");
        }
        List<FieldVector> vectors = batch.getFieldVectors();
        if (vectors.size() != expected.size()) {
            throw new StepRefusedException("step '" + names.get(i) + "' returned a batch of " + vectors.size()
                    + " columns but declared " + expected.size() + " in prepare()");
        }
        for (int c = 0; c < vectors.size(); c++) {
            Field actual = vectors.get(c).getField();
            Field declared = expected.get(c);
            if (!actual.getType().equals(declared.getType())) {
                throw new StepRefusedException("step '" + names.get(i) + "' returned column " + (c + 1) + " ('"
                        + actual.getName() + "') as " + actual.getType() + " but declared '" + declared.getName()
                        + "' as " + declared.getType() + " in prepare()");
            }
        }
    }

    /**
     * Finishes every step.
     *
     * @return each step's report by its name, in chain order (steps without findings included)
     */
    public Map<String, StepReport> finish() {
        Map<String, StepReport> reports = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepReport report;
            try {
                report = steps.get(i).finish();
            } catch (RuntimeException e) {
                throw failed(i, e);
            }
            reports.put(names.get(i), report == null ? StepReport.none() : report);
        }
        return reports;
    }

    /** The steps that held rows back for a companion dataset ({@link DivertingStep}) and hold some now. */
    public List<DivertingStep> diverting() {
        List<DivertingStep> all = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof DivertingStep d
                    && d.diverted() != null
                    && d.diverted().getRowCount() > 0) {
                all.add(d);
            }
        }
        return all;
    }

    /** Reports as snapshot properties: {@code step.<name>.<key>}. */
    public static Map<String, String> properties(Map<String, StepReport> reports) {
        Map<String, String> properties = new LinkedHashMap<>();
        reports.forEach((name, report) ->
                report.findings().forEach((key, value) -> properties.put(PROPERTY_PREFIX + name + "." + key, value)));
        return properties;
    }

    private StepRefusedException failed(int i, RuntimeException e) {
        String name = names.get(i);
        if (e instanceof StepRefusedException r && r.getMessage().startsWith("step '" + name + "'")) {
            return r;
        }
        return new StepRefusedException("step '" + name + "': " + describe(e), e);
    }

    private static String describe(RuntimeException e) {
        return e instanceof StepRefusedException || e.getMessage() != null && e instanceof IllegalArgumentException
                ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Closes every step, also when one fails to close (the first failure is thrown, the others suppressed). */
    @Override
    public void close() {
        RuntimeException problem = null;
        for (int i = steps.size() - 1; i >= 0; i--) {
            try {
                steps.get(i).close();
            } catch (RuntimeException e) {
                if (problem == null) {
                    problem = e;
                } else {
                    problem.addSuppressed(e);
                }
            }
        }
        if (problem != null) {
            throw problem;
        }
    }
}
