package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.batch.ArrowValues;
import io.lakehub.processors.read.TypeInference;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Hive partitioning: the {@code key=value} folder names above a file ({@code year=2024/month=1/part.csv})
 * become columns of every row read from it, after the file's own columns. Each value is typed like a
 * value of any other column, by {@link TypeInference#narrowest(String)}: {@code year=2024} is an int,
 * {@code day=2024-01-31} a date, {@code flag=true} a boolean; {@code month=01} stays a string, as a CSV
 * column of {@code 01} does (a leading zero marks an identifier). An empty value and Hive's {@code
 * __HIVE_DEFAULT_PARTITION__} are null (a string column when that is all the file has). Names and values
 * are percent-decoded ({@code %2F} is {@code /}), as Hive writes them.
 *
 * <p>A key that is also a column of the file is refused, naming both: which one the rows mean is not for
 * the hub to guess. Reports {@code columns}, the partition column names.
 */
public final class PartitionColumnsStep implements Step {
    /** The step's name in the chain; its report is {@code step.partition-columns.columns}. */
    public static final String NAME = "partition-columns";

    /** The folder value Hive writes for a null partition key. */
    public static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";

    private final Map<String, String> values;
    private final List<LakeField> fields = new ArrayList<>();
    private final List<Object> constants = new ArrayList<>();
    private VectorSchemaRoot out;
    private int inputColumns;

    /**
     * @param values partition key to its (decoded) value, in folder order; a {@code null} value is a null
     *     cell; at least one key
     */
    public PartitionColumnsStep(Map<String, String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("partition columns need at least one key=value folder");
        }
        this.values = new LinkedHashMap<>(values);
    }

    /** A definition for {@link io.lakehub.processors.ingest.IngestRequest#steps()}: a fresh step per attempt. */
    public static StepDefinition definition(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        return StepDefinition.of(NAME, () -> new PartitionColumnsStep(copy));
    }

    /**
     * The key and decoded value of a {@code key=value} folder name, or empty when the name is not one (no
     * {@code =}, an empty key, or a dot folder). The value is {@code null} for an empty value and for
     * {@link #HIVE_NULL}.
     */
    public static Optional<Map.Entry<String, String>> parseFolder(String folder) {
        int eq = folder.indexOf('=');
        if (eq <= 0 || folder.startsWith(".")) {
            return Optional.empty();
        }
        String key = decode(folder.substring(0, eq));
        String raw = folder.substring(eq + 1);
        String value = raw.isEmpty() || raw.equals(HIVE_NULL) ? null : decode(raw);
        if (key.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value));
    }

    /**
     * The partition values of a file from the folder names between its dataset folder and the file, in
     * order.
     *
     * @throws IllegalArgumentException naming the folder when one is not {@code key=value}, or a key appears
     *     twice (whatever the letter case)
     */
    public static Map<String, String> fromFolders(List<String> folders) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String folder : folders) {
            Map.Entry<String, String> kv = parseFolder(folder)
                    .orElseThrow(() -> new IllegalArgumentException("folder '" + folder
                            + "' is not a partition folder (key=value): only key=value folders may lie between"
                            + " the dataset folder and the file"));
            String earlier = seen.putIfAbsent(LakeSchema.key(kv.getKey()), folder);
            if (earlier != null) {
                throw new IllegalArgumentException("partition folders '" + earlier + "' and '" + folder
                        + "' name the same column; each key may appear once in a path");
            }
            values.put(kv.getKey(), kv.getValue());
        }
        return values;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            // '+' is a plus in a folder name, not a space as in a form.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a lone '%' is taken literally
        }
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        List<LakeField> all = new ArrayList<>(input.fields());
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            input.field(key).ifPresent(f -> {
                throw new StepRefusedException("column '" + f.name() + "' is both in the file and a partition folder ('"
                        + key + "=...'); rename the column or the folder");
            });
            String value = e.getValue();
            LakeType type = value == null ? LakeType.STRING : TypeInference.narrowest(value);
            LakeField field = LakeField.nullable(key, type);
            fields.add(field);
            constants.add(value == null ? null : constant(type, value));
            all.add(field);
        }
        LakeSchema schema;
        try {
            schema = new LakeSchema(all);
        } catch (IllegalArgumentException e) {
            throw new StepRefusedException("the partition folders' columns clash: " + e.getMessage(), e);
        }
        inputColumns = input.size();
        out = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), ctx.allocator());
        return schema;
    }

    /** The value as {@link ArrowValues#set} takes it for the inferred type. */
    private static Object constant(LakeType type, String value) {
        char[] chars = value.toCharArray();
        return switch (type) {
            case BOOLEAN -> TypeInference.parseBoolean(chars, 0, chars.length) == 1;
            case INT -> (int) TypeInference.parseInt(chars, 0, chars.length);
            case BIGINT -> TypeInference.parseLong(chars, 0, chars.length);
            case DOUBLE -> TypeInference.parseDouble(chars, 0, chars.length);
            case DATE -> LocalDate.ofEpochDay(TypeInference.parseDate(chars, 0, chars.length));
            case TIMESTAMP -> {
                long micros = TypeInference.parseTimestampMicros(chars, 0, chars.length);
                yield Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            }
            default -> value;
        };
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        List<FieldVector> in = batch.getFieldVectors();
        for (int i = 0; i < inputColumns; i++) {
            TransferPair pair = in.get(i).makeTransferPair(out.getVector(i));
            pair.transfer();
        }
        int rows = batch.getRowCount();
        for (int p = 0; p < fields.size(); p++) {
            FieldVector vector = out.getVector(inputColumns + p);
            // The chain moved the previous batch's buffers on: fill afresh.
            vector.clear();
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            Object value = constants.get(p);
            for (int r = 0; r < rows; r++) {
                ArrowValues.set(vector, fields.get(p), r, value);
            }
            vector.setValueCount(rows);
        }
        out.setRowCount(rows);
        return out;
    }

    @Override
    public StepReport finish() {
        return StepReport.of("columns", String.join(",", values.keySet()));
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
