package io.lakehub.catalog.schema;

import io.lakehub.catalog.LakehubException;

/**
 * Incoming data has a column whose type cannot be stored in the dataset's current type (for
 * example {@code double} arriving where the dataset holds {@code date}). Nothing was committed.
 */
public class IncompatibleSchemaException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final LakeField datasetField;
    private final LakeField incomingField;

    public IncompatibleSchemaException(String dataset, String column, LakeType datasetType, LakeType incomingType) {
        this(dataset, LakeField.nullable(column, datasetType), LakeField.nullable(column, incomingType), "");
    }

    /**
     * @param reason why the two types do not merge, appended to the message (may be empty)
     */
    public IncompatibleSchemaException(String dataset, LakeField datasetField, LakeField incomingField, String reason) {
        super("Column '" + datasetField.name() + "' of dataset '" + dataset + "' is " + datasetField.typeName()
                + " but the incoming data has " + incomingField.typeName()
                + (reason.isEmpty() ? "" : " (" + reason + ")")
                + "; that change is not a safe widening (int -> bigint -> double, int/bigint/decimal -> a"
                + " decimal holding both, or anything -> string when widening to string is allowed)."
                + " Nothing was written.");
        this.column = datasetField.name();
        this.datasetField = datasetField;
        this.incomingField = incomingField;
    }

    public String column() {
        return column;
    }

    public LakeType datasetType() {
        return datasetField.type();
    }

    public LakeType incomingType() {
        return incomingField.type();
    }

    /** The dataset's column, with its full type ({@link LakeField#typeName()}). */
    public LakeField datasetField() {
        return datasetField;
    }

    /** The incoming column, with its full type. */
    public LakeField incomingField() {
        return incomingField;
    }
}
