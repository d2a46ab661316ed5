package io.lakehub.catalog.schema;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a dataset schema. Column names are kept exactly as the source spelled them.
 *
 * <p>The type's parameters live here: {@code precision} and {@code scale} for {@link
 * LakeType#DECIMAL} (both 0 for every other type), {@code element} for {@link LakeType#LIST} (the
 * element's type as a field named {@value #ELEMENT_NAME}, itself any type but LIST; {@code null} for
 * every other type). Code that changes a column's name or nullability must go through {@link
 * #withName} / {@link #withNullable} (or copy all components) so that the parameters are kept.
 *
 * @param name the column name
 * @param type the column type
 * @param nullable whether the column may hold nulls
 * @param precision DECIMAL: total digits, 1..38; otherwise 0
 * @param scale DECIMAL: digits after the point, 0..precision; otherwise 0
 * @param element LIST: the element type (name {@value #ELEMENT_NAME}); otherwise {@code null}
 */
public record LakeField(String name, LakeType type, boolean nullable, int precision, int scale, LakeField element) {
    /** The largest DECIMAL precision (what 128 bits hold, and DuckDB's limit). */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /** The name of a LIST's element field. */
    public static final String ELEMENT_NAME = "element";

    private static final Pattern DECIMAL_TEXT =
            Pattern.compile("(?i)\\s*(?:decimal|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)\\s*");
    private static final Pattern LIST_TEXT = Pattern.compile("(?i)\\s*list\\s*<(.*)>\\s*");

    public LakeField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A column name may not be empty");
        }
        if (type == LakeType.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
                throw new IllegalArgumentException("Column '" + name + "': decimal(" + precision + "," + scale
                        + ") is not a valid decimal type; precision must be 1.." + MAX_DECIMAL_PRECISION
                        + " and scale 0..precision");
            }
        } else if (precision != 0 || scale != 0) {
            throw new IllegalArgumentException("Column '" + name + "' is " + type.displayName()
                    + ", which has no precision or scale (only decimal has)");
        }
        if (type == LakeType.LIST) {
            if (element == null) {
                throw new IllegalArgumentException(
                        "Column '" + name + "' is a list but has no element type; use LakeField.list");
            }
            if (element.type() == LakeType.LIST) {
                throw new IllegalArgumentException(
                        "Column '" + name + "' is a list of lists; the lake holds lists of one non-list type");
            }
        } else if (element != null) {
            throw new IllegalArgumentException(
                    "Column '" + name + "' is " + type.displayName() + ", which has no element type (only list has)");
        }
    }

    /**
     * A column of a parameter-free type.
     *
     * @throws IllegalArgumentException for DECIMAL and LIST: use {@link #decimal} or {@link #list}
     */
    public LakeField(String name, LakeType type, boolean nullable) {
        this(name, type, nullable, 0, 0, null);
    }

    /** A nullable column of a parameter-free type. */
    public static LakeField nullable(String name, LakeType type) {
        return new LakeField(name, type, true);
    }

    /** A nullable DECIMAL(precision, scale) column. */
    public static LakeField decimal(String name, int precision, int scale) {
        return new LakeField(name, LakeType.DECIMAL, true, precision, scale, null);
    }

    /** A nullable LIST column of a parameter-free element type, elements nullable. */
    public static LakeField list(String name, LakeType element) {
        return list(name, nullable(ELEMENT_NAME, element));
    }

    /**
     * A nullable LIST column whose elements are {@code element} (for example {@code
     * LakeField.decimal("element", 10, 2)}); the element is renamed {@value #ELEMENT_NAME}.
     */
    public static LakeField list(String name, LakeField element) {
        Objects.requireNonNull(element, "element");
        return new LakeField(name, LakeType.LIST, true, 0, 0, element.withName(ELEMENT_NAME));
    }

    /**
     * A nullable column of the type spelled {@code typeText} as config files and the catalog spell
     * it: every name {@link LakeType#parse} accepts, {@code decimal(p,s)} / {@code numeric(p,s)}
     * ({@code decimal(p)} means scale 0), and {@code list<element>} (e.g. {@code list<decimal(10,2)>}).
     *
     * @throws IllegalArgumentException naming the column and the text when it is not a type
     */
    public static LakeField parse(String name, String typeText) {
        Objects.requireNonNull(typeText, "typeText");
        Matcher decimal = DECIMAL_TEXT.matcher(typeText);
        if (decimal.matches()) {
            int precision;
            int scale;
            try {
                precision = Integer.parseInt(decimal.group(1));
                scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Column '" + name + "': '" + typeText + "' is not a valid decimal type", e);
            }
            return decimal(name, precision, scale);
        }
        Matcher list = LIST_TEXT.matcher(typeText);
        if (list.matches()) {
            return list(name, parse(ELEMENT_NAME, list.group(1)));
        }
        if (typeText.trim().endsWith("[]")) {
            String inner = typeText.trim();
            return list(name, parse(ELEMENT_NAME, inner.substring(0, inner.length() - 2)));
        }
        LakeType type = LakeType.parse(typeText);
        if (type.parameterised()) {
            throw new IllegalArgumentException("Column '" + name + "': type '" + typeText + "' needs parameters,"
                    + " e.g. decimal(10,2) or list<string>");
        }
        return nullable(name, type);
    }

    /** This column under another name, parameters kept. */
    public LakeField withName(String newName) {
        return new LakeField(newName, type, nullable, precision, scale, element);
    }

    /** This column with another nullability, parameters kept. */
    public LakeField withNullable(boolean newNullable) {
        return newNullable == nullable ? this : new LakeField(name, type, newNullable, precision, scale, element);
    }

    /** This column's name and nullability with the type (and parameters) of {@code other}. */
    public LakeField withTypeOf(LakeField other) {
        return new LakeField(name, other.type, nullable, other.precision, other.scale, other.element);
    }

    /** Whether {@code other} has the same type with the same parameters (names and nullability aside). */
    public boolean sameType(LakeField other) {
        return type == other.type
                && precision == other.precision
                && scale == other.scale
                && (element == null ? other.element == null : other.element != null && element.sameType(other.element));
    }

    /**
     * The full DuckDB type: {@code DECIMAL(10,2)}, {@code INTEGER[]}, {@code DECIMAL(38,0)[]}, or
     * {@link LakeType#duckDbType()} for parameter-free types.
     */
    public String duckDbType() {
        return switch (type) {
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case LIST -> element.duckDbType() + "[]";
            default -> type.duckDbType();
        };
    }

    /**
     * The full type as config files, the catalog and messages spell it: {@code decimal(10,2)},
     * {@code list<int>}, {@code timestamp_ntz}; {@link #parse} reads it back.
     */
    public String typeName() {
        return switch (type) {
            case DECIMAL -> "decimal(" + precision + "," + scale + ")";
            case LIST -> "list<" + element.typeName() + ">";
            default -> type.displayName();
        };
    }
}
