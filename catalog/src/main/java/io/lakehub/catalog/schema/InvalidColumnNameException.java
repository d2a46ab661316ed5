package io.lakehub.catalog.schema;

/**
 * Incoming data names a column in a way no dataset may hold: the name contains a control character
 * (see {@link ColumnNames}). {@link #column()} is the name as it arrived; the message shows it
 * escaped ({@code col\u0000 2}). Nothing was written.
 *
 * <p>A subclass of {@link IncompatibleSchemaException} so that every writer that already refuses
 * an incompatible schema (naming the file) refuses this too; {@link #datasetField()} and {@link
 * #incomingField()} are both the column as it arrived.
 */
public class InvalidColumnNameException extends IncompatibleSchemaException {
    private static final long serialVersionUID = 1L;

    public InvalidColumnNameException(String dataset, LakeField field) {
        super(
                "Column name '" + ColumnNames.printable(field.name()) + "' of dataset '" + dataset
                        + "' contains a control character ("
                        + String.format(
                                "U+%04X", (int) field.name().charAt(ColumnNames.firstControlCharacter(field.name())))
                        + "); column names may not hold control characters (U+0000 to U+001F, U+007F), which"
                        + " usually means the file's encoding was misread (UTF-16 read as 8-bit) or its"
                        + " header is corrupt. Fix the header (or the encoding) and deliver the file again."
                        + " Nothing was written.",
                field,
                field);
    }
}
