package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeSchema;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A {@link Step} that holds back some rows from the dataset for a companion dataset ({@code
 * <dataset><suffix>}): the PII step's {@code quarantine} policy (ADR 0037). The ingest writes the
 * held rows to the companion and commits them in the same catalog transaction as the dataset's
 * commit, so both land or neither does.
 */
public interface DivertingStep extends Step {

    /** The companion's name is the dataset's plus this, e.g. {@code __quarantine}. */
    String divertedSuffix();

    /** The schema of {@link #diverted()}: the step's output schema. Valid after {@link #prepare}. */
    LakeSchema divertedSchema();

    /**
     * The rows held back, in source order; {@code null} when none. Owned by the step (closed by
     * {@link #close()}); read after {@link #finish()}.
     */
    VectorSchemaRoot diverted();
}
