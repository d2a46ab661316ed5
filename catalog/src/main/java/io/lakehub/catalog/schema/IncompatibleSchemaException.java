package io.lakehub.catalog.schema;

import io.lakehub.catalog.LakehubException;

/**
 * Incoming data has a column whose type cannot be stored in the dataset's current type (for
 * example {@code double} arriving where the dataset holds {@code date}). Nothing was committed.
 */
public class IncompatibleSchemaException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final String column;
    private final LakeType datasetType;
    private final LakeType incomingType;

    public IncompatibleSchemaException(String dataset, String column, LakeType datasetType, LakeType incomingType) {
        super("Column '" + column + "' of dataset '" + dataset + "' is " + datasetType.displayName()
                + " but the incoming data has " + incomingType.displayName()
                + "; that change is not a safe widening (int -> bigint -> double, or anything -> string"
                + " when widening to string is allowed). Nothing was written.");
        this.column = column;
        this.datasetType = datasetType;
        this.incomingType = incomingType;
    }

    /** For subclasses that refuse a column for another reason than its type; the message is theirs. */
    protected IncompatibleSchemaException(
            String message, String dataset, String column, LakeType datasetType, LakeType incomingType) {
        super(message);
        this.column = column;
        this.datasetType = datasetType;
        this.incomingType = incomingType;
    }

    public String column() {
        return column;
    }

    public LakeType datasetType() {
        return datasetType;
    }

    public LakeType incomingType() {
        return incomingType;
    }
}
