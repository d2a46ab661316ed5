package io.lakehub.processors.governance;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.chain.DivertingStep;
import io.lakehub.processors.chain.StepContext;
import io.lakehub.processors.chain.StepRefusedException;
import io.lakehub.processors.chain.StepReport;
import io.lakehub.processors.pii.ColumnClassification;
import io.lakehub.processors.pii.PiiScanner;
import io.lakehub.processors.pii.PiiText;
import io.lakehub.processors.pii.PiiType;
import io.lakehub.processors.pii.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PII step ({@code pii} in the chain): scans the batches with {@link PiiScanner} and applies the
 * pipeline's policies before the batches reach the Parquet writers (ADR 0029).
 *
 * <p>When policies apply:
 *
 * <ul>
 *   <li>A policy naming a <b>column</b> applies to every batch from the first; the column must be in
 *       the source, else the source is refused before anything is read ({@link StepRefusedException}
 *       naming the policy's key and the column). {@code mask} and {@code hash} make the column a
 *       {@code STRING}; {@code drop} removes it from the files.
 *   <li>A policy naming an <b>entity type</b> applies to the columns the scan classifies as that type
 *       on the <b>first batch</b> (its sample: the scanner's first values of each column), and from
 *       then on to every batch of the ingest; the schema is fixed before the first batch, so {@code
 *       drop} writes the column with every value null, and {@code mask}/{@code hash} of a column
 *       that is not text write nulls too (never the value). A column classified as a governed type
 *       only by the complete sample at the end is <b>flagged as late</b> ({@code late.<column>} in the
 *       report, a warning naming the column): its values of this ingest were written unchanged; name
 *       the column in a column policy to govern it from the first row.
 *   <li>Every batch is scanned until the sample is complete; the complete result is the one recorded.
 *   <li>A {@code quarantine} policy names a (free-text) column: every row whose cell in it embeds
 *       an e-mail, phone, card number, IBAN or dashed SSN ({@link PiiText}) is held back from the
 *       batch ({@link #diverted()}) for {@code <dataset>__quarantine}, which the ingest commits in
 *       the same transaction as the dataset (ADR 0037). Held rows stay in memory until the source is
 *       read; more than {@value #MAX_QUARANTINED_ROWS} refuse the source.
 * </ul>
 *
 * <p>Report ({@code step.pii.*} snapshot properties, in the commit's transaction): per column {@code
 * column.<name>.pii} (an entity type or {@code none}), {@code .confidence}, {@code .sampled}, {@code
 * .matches}, {@code .matchRatio}, and {@code .action} when not {@code flag}. Never a value.
 */
public final class PiiStep implements DivertingStep {
    /** The step's name in the chain and the prefix of its report: {@code step.pii.*}. */
    public static final String NAME = "pii";

    /** Suffix of the dataset that receives the rows a {@code quarantine} policy holds back. */
    public static final String QUARANTINE_SUFFIX = "__quarantine";

    /** Rows one ingest may hold back for quarantine; more refuse the source (they are held in memory). */
    public static final int MAX_QUARANTINED_ROWS = 100_000;

    /** Characters of a cell a quarantine policy checks (as the scan reads). */
    private static final int QUARANTINE_CHARS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(PiiStep.class);
    private static final HexFormat HEX = HexFormat.of();

    private final List<PiiPolicy> policies;
    private final byte[] hashKey;
    private final PiiAction defaultAction;
    private final ScanOptions options;

    private StepContext ctx;
    private LakeSchema input;
    private PiiScanner scanner;
    /** Per input column: the column policy's action, or null (decided on the first batch). */
    private PiiAction[] byName;

    private PiiPolicy[] namePolicy;
    /** Per input column: the action in force (after the first batch). */
    private PiiAction[] action;

    private PiiPolicy[] policy;
    private PiiType[] firstType;
    /** Per output column: the input column it comes from. */
    private int[] source;

    private Field[] outFields;
    private FieldVector[] owned;
    private LakeSchema output;
    /** Input columns a quarantine policy checks, with their policies. */
    private int[] quarantineColumns = new int[0];

    private PiiPolicy[] quarantinePolicy = new PiiPolicy[0];
    /** The rows held back (output schema), created on the first one. */
    private VectorSchemaRoot held;
    /** The batch handed on when rows were held back, of vectors this step owns. */
    private VectorSchemaRoot kept;

    private Mac mac;
    private boolean first = true;
    private long rows;

    /**
     * @param policies the pipeline's policies (column names and types as validated by {@link PiiConfig})
     * @param hashKey the HMAC key for {@code hash}; may be null when no policy hashes
     * @param defaultAction what happens to a PII column no policy names ({@code flag} normally)
     * @param options how much of each column the scan samples
     */
    public PiiStep(List<PiiPolicy> policies, byte[] hashKey, PiiAction defaultAction, ScanOptions options) {
        this.policies = List.copyOf(policies);
        this.hashKey = hashKey == null ? null : hashKey.clone();
        this.defaultAction = defaultAction;
        this.options = options;
    }

    @Override
    public LakeSchema prepare(StepContext ctx, LakeSchema input) {
        this.ctx = ctx;
        this.input = input;
        int n = input.size();
        byName = new PiiAction[n];
        namePolicy = new PiiPolicy[n];
        for (PiiPolicy p : policies) {
            if (p.column() == null) {
                continue;
            }
            int i = indexOf(input, p.column());
            if (i < 0) {
                throw new StepRefusedException(p.key() + ".column: column '" + p.column()
                        + "' is not in the source (its columns: " + String.join(", ", input.names())
                        + "); nothing was written");
            }
            if (byName[i] == null) {
                byName[i] = p.action();
                namePolicy[i] = p;
            }
        }
        if (needsKey() && hashKey == null) {
            throw new StepRefusedException("a hash policy needs " + PiiGovernance.HASH_KEY_HINT);
        }
        List<Integer> quarantined = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (byName[i] == PiiAction.QUARANTINE) {
                quarantined.add(i);
            }
        }
        quarantineColumns = quarantined.stream().mapToInt(Integer::intValue).toArray();
        quarantinePolicy = quarantined.stream().map(i -> namePolicy[i]).toArray(PiiPolicy[]::new);
        List<LakeField> out = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LakeField f = input.fields().get(i);
            if (byName[i] == PiiAction.DROP) {
                continue;
            }
            if (byName[i] == PiiAction.MASK || byName[i] == PiiAction.HASH) {
                f = LakeField.nullable(f.name(), LakeType.STRING);
            }
            out.add(f);
            from.add(i);
        }
        if (out.isEmpty()) {
            throw new StepRefusedException("its policies drop every column of the source; nothing would be written");
        }
        source = from.stream().mapToInt(Integer::intValue).toArray();
        output = new LakeSchema(out);
        List<Field> fields = ArrowSchemas.toArrow(output).getFields();
        outFields = fields.toArray(Field[]::new);
        owned = new FieldVector[out.size()];
        scanner = new PiiScanner(input, options);
        return output;
    }

    private boolean needsKey() {
        return policies.stream().anyMatch(p -> p.action() == PiiAction.HASH) || defaultAction == PiiAction.HASH;
    }

    private static int indexOf(LakeSchema schema, String column) {
        String key = LakeSchema.key(column);
        for (int i = 0; i < schema.size(); i++) {
            if (LakeSchema.key(schema.fields().get(i).name()).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public VectorSchemaRoot apply(VectorSchemaRoot batch) {
        if (!scanner.isDone()) {
            scanner.offer(batch);
        }
        rows += batch.getRowCount();
        if (first) {
            first = false;
            decide(scanner.result());
        }
        boolean untouched = source.length == input.size();
        for (int j = 0; j < source.length && untouched; j++) {
            untouched = passes(action[source[j]]);
        }
        VectorSchemaRoot out = batch;
        if (!untouched) {
            int count = batch.getRowCount();
            List<FieldVector> vectors = new ArrayList<>(source.length);
            for (int j = 0; j < source.length; j++) {
                int i = source[j];
                FieldVector in = batch.getVector(i);
                PiiAction a = action[i];
                vectors.add(passes(a) ? in : governed(j, in, a, policy[i], count));
            }
            out = new VectorSchemaRoot(vectors);
            out.setRowCount(count);
        }
        return quarantineColumns.length == 0 ? out : quarantine(batch, out);
    }

    /** Actions that write the values as they came. */
    private static boolean passes(PiiAction a) {
        return a == PiiAction.FLAG || a == PiiAction.QUARANTINE;
    }

    /**
     * Holds back the rows of {@code out} whose cell in a quarantined column of {@code in} embeds
     * PII; returns the others (in vectors this step owns), or {@code out} when none is held back.
     */
    private VectorSchemaRoot quarantine(VectorSchemaRoot in, VectorSchemaRoot out) {
        int count = out.getRowCount();
        boolean[] hold = new boolean[count];
        int holding = 0;
        for (int q : quarantineColumns) {
            FieldVector v = in.getVector(q);
            if (!(v instanceof VarCharVector text)) {
                continue; // a column that is not text embeds no free-text PII
            }
            for (int r = 0; r < count; r++) {
                if (!hold[r] && !text.isNull(r)) {
                    byte[] bytes = text.get(r);
                    int len = Math.min(bytes.length, QUARANTINE_CHARS * 4);
                    String cell = new String(bytes, 0, len, StandardCharsets.UTF_8);
                    if (!PiiText.find(cell, QUARANTINE_CHARS).isEmpty()) {
                        hold[r] = true;
                        holding++;
                    }
                }
            }
        }
        if (holding == 0) {
            return out;
        }
        if (held == null) {
            held = VectorSchemaRoot.create(ArrowSchemas.toArrow(output), ctx.allocator());
            held.allocateNew();
        }
        int at = held.getRowCount();
        if ((long) at + holding > MAX_QUARANTINED_ROWS) {
            throw new StepRefusedException(quarantinePolicy[0].key() + ": more than " + MAX_QUARANTINED_ROWS
                    + " rows of this source embed PII in the quarantined column(s) "
                    + quarantineNames() + "; they are held in memory until the source is read, so the source is"
                    + " refused. Split the source, or mask or hash the column instead. Nothing was written.");
        }
        if (kept == null) {
            kept = VectorSchemaRoot.create(ArrowSchemas.toArrow(output), ctx.allocator());
        }
        kept.clear();
        kept.allocateNew();
        int k = 0;
        for (int r = 0; r < count; r++) {
            VectorSchemaRoot target = hold[r] ? held : kept;
            int row = hold[r] ? at++ : k++;
            for (int c = 0; c < out.getFieldVectors().size(); c++) {
                target.getVector(c).copyFromSafe(r, row, out.getVector(c));
            }
        }
        for (FieldVector v : held.getFieldVectors()) {
            v.setValueCount(at);
        }
        held.setRowCount(at);
        for (FieldVector v : kept.getFieldVectors()) {
            v.setValueCount(k);
        }
        kept.setRowCount(k);
        return kept;
    }

    private String quarantineNames() {
        List<String> names = new ArrayList<>();
        for (int q : quarantineColumns) {
            names.add("'" + input.fields().get(q).name() + "'");
        }
        return String.join(", ", names);
    }

    @Override
    public String divertedSuffix() {
        return QUARANTINE_SUFFIX;
    }

    @Override
    public LakeSchema divertedSchema() {
        return output;
    }

    @Override
    public VectorSchemaRoot diverted() {
        return held;
    }

    /** Fixes each column's action from the first batch's classification. */
    private void decide(List<ColumnClassification> first) {
        int n = input.size();
        action = new PiiAction[n];
        policy = new PiiPolicy[n];
        firstType = new PiiType[n];
        for (int i = 0; i < n; i++) {
            PiiType type = first.get(i).pii();
            firstType[i] = type;
            if (byName[i] != null) {
                action[i] = byName[i];
                policy[i] = namePolicy[i];
                continue;
            }
            Optional<PiiPolicy> p = typePolicy(type);
            action[i] = p.map(PiiPolicy::action).orElse(type == null ? PiiAction.FLAG : defaultAction);
            policy[i] = p.orElse(null);
        }
    }

    private Optional<PiiPolicy> typePolicy(PiiType type) {
        if (type == null) {
            return Optional.empty();
        }
        return policies.stream().filter(p -> p.type() == type).findFirst();
    }

    /** The governed values of one output column, in a vector this step owns. */
    private FieldVector governed(int j, FieldVector in, PiiAction a, PiiPolicy p, int count) {
        FieldVector out = owned[j];
        if (out == null) {
            out = outFields[j].createVector(ctx.allocator());
            owned[j] = out;
        }
        out.clear();
        boolean text = out instanceof VarCharVector && a != PiiAction.DROP;
        if (!text) {
            // Drop by type, or mask/hash of a column that is not text: every value null.
            out.setInitialCapacity(count);
            out.allocateNew();
            out.setValueCount(count);
            return out;
        }
        VarCharVector target = (VarCharVector) out;
        target.allocateNew((long) count * (a == PiiAction.HASH ? 64 : 16), count);
        int keepPrefix = p == null ? 0 : p.keepPrefix();
        int keepSuffix = p == null ? 0 : p.keepSuffix();
        for (int r = 0; r < count; r++) {
            if (in.isNull(r)) {
                target.setNull(r);
                continue;
            }
            String value = in instanceof VarCharVector v
                    ? new String(v.get(r), StandardCharsets.UTF_8)
                    : String.valueOf(in.getObject(r));
            String governed = a == PiiAction.HASH ? hash(value) : mask(value, keepPrefix, keepSuffix);
            target.setSafe(r, governed.getBytes(StandardCharsets.UTF_8));
        }
        target.setValueCount(count);
        return target;
    }

    /**
     * {@code value} with every character (code point) but the first {@code prefix} and last {@code
     * suffix} replaced by {@code *}; a value no longer than {@code prefix + suffix} is masked entirely
     * (keeping it whole would reveal it).
     */
    static String mask(String value, int prefix, int suffix) {
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        boolean whole = n <= prefix + suffix;
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            boolean keep = !whole && (k < prefix || k >= n - suffix);
            if (keep) {
                sb.appendCodePoint(cps[k]);
            } else {
                sb.append('*');
            }
        }
        return sb.toString();
    }

    /** Lower-case hex HMAC-SHA256 of the value's UTF-8 bytes under the configured key. */
    String hash(String value) {
        if (mac == null) {
            mac = hmac(hashKey);
        }
        return HEX.formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    static Mac hmac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM; no value can be hashed", e);
        }
    }

    @Override
    public StepReport finish() {
        if (scanner == null) {
            return StepReport.none();
        }
        List<ColumnClassification> result = scanner.result();
        Map<String, String> findings = new LinkedHashMap<>();
        findings.put("rows", Long.toString(rows));
        int pii = 0;
        for (int i = 0; i < result.size(); i++) {
            ColumnClassification c = result.get(i);
            String prefix = "column." + c.column() + ".";
            findings.put(prefix + "pii", c.pii() == null ? "none" : c.pii().name());
            findings.put(prefix + "confidence", String.format(Locale.ROOT, "%.3f", c.confidence()));
            findings.put(prefix + "sampled", Long.toString(c.sampled()));
            findings.put(prefix + "matches", Long.toString(c.matches()));
            findings.put(prefix + "matchRatio", String.format(Locale.ROOT, "%.4f", c.matchRatio()));
            if (c.isPii()) {
                pii++;
            }
            if (action != null && action[i] != PiiAction.FLAG) {
                findings.put(prefix + "action", action[i].key());
            }
            if (action != null && byName[i] == null && c.pii() != firstType[i] && c.isPii()) {
                PiiAction wanted = typePolicy(c.pii()).map(PiiPolicy::action).orElse(defaultAction);
                if (wanted != action[i]) {
                    findings.put("late." + c.column(), c.pii().name());
                    LOG.warn(
                            "Dataset {}: column '{}' was classified {} only after its first batch; this ingest wrote"
                                    + " it under action {} instead of {}. Name the column in a pii policy to"
                                    + " govern it from the first row.",
                            ctx.dataset(),
                            c.column(),
                            c.pii(),
                            action[i].key(),
                            wanted.key());
                }
            }
        }
        findings.put("piiColumns", Integer.toString(pii));
        if (quarantineColumns.length > 0) {
            findings.put("quarantined", Long.toString(held == null ? 0 : held.getRowCount()));
        }
        return new StepReport(findings);
    }

    @Override
    public void close() {
        if (held != null) {
            held.close();
        }
        if (kept != null) {
            kept.close();
        }
        if (owned != null) {
            for (FieldVector v : owned) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }
}
