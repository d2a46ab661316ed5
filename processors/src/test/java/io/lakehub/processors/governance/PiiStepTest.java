package io.lakehub.processors.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.chain.StepContext;
import io.lakehub.processors.chain.StepRefusedException;
import io.lakehub.processors.chain.StepReport;
import io.lakehub.processors.pii.PiiType;
import io.lakehub.processors.pii.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each policy on real Arrow batches: what leaves the step is what the files will hold. */
class PiiStepTest {
    private static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("contact", LakeType.STRING),
            LakeField.nullable("card", LakeType.STRING),
            LakeField.nullable("note", LakeType.STRING));
    private static final byte[] KEY = "test-key-0029".getBytes(StandardCharsets.UTF_8);

    private final BufferAllocator allocator = new RootAllocator();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        allocator.close();
    }

    private static final String[] CARDS = {"4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"};

    /** Rows {@code from..from+n}: id, an e-mail, a valid card number, a note without PII. */
    private VectorSchemaRoot batch(int from, int n) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(SCHEMA), allocator);
        open.add(root);
        root.allocateNew();
        SplittableRandom random = new SplittableRandom(from);
        for (int r = 0; r < n; r++) {
            ((BigIntVector) root.getVector(0)).setSafe(r, from + r);
            set(root.getVector(1), r, "user" + (from + r) + "@example.org");
            set(root.getVector(2), r, CARDS[random.nextInt(CARDS.length)]);
            set(root.getVector(3), r, r % 7 == 0 ? null : "delivered on time " + (from + r));
        }
        root.setRowCount(n);
        return root;
    }

    private static void set(FieldVector v, int r, String value) {
        if (value == null) {
            ((VarCharVector) v).setNull(r);
        } else {
            ((VarCharVector) v).setSafe(r, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private PiiStep step(PiiAction defaultAction, PiiPolicy... policies) {
        PiiStep step = new PiiStep(List.of(policies), KEY, defaultAction, ScanOptions.DEFAULTS);
        open.add(step);
        return step;
    }

    private LakeSchema prepare(PiiStep step) {
        return step.prepare(
                new StepContext("pii", DatasetName.of("people"), "people-pipe", Map.of(), allocator), SCHEMA);
    }

    private static List<String> strings(VectorSchemaRoot root, String column) {
        FieldVector v = root.getVector(column);
        List<String> values = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            Object o = v.getObject(r);
            values.add(o == null ? null : o.toString());
        }
        return values;
    }

    @Test
    void flagOnlyPassesTheBatchThroughAndReportsEachColumnsClassification() {
        PiiStep step = step(PiiAction.FLAG);
        assertThat(prepare(step)).isEqualTo(SCHEMA);
        VectorSchemaRoot in = batch(0, 200);
        assertThat(step.apply(in)).isSameAs(in);
        StepReport report = step.finish();
        assertThat(report.findings())
                .containsEntry("column.contact.pii", "EMAIL")
                .containsEntry("column.card.pii", "CREDIT_CARD")
                .containsEntry("column.note.pii", "none")
                .containsEntry("column.id.pii", "none")
                .containsEntry("column.contact.sampled", "200")
                .containsEntry("column.contact.matches", "200")
                .containsEntry("column.contact.matchRatio", "1.0000")
                .containsEntry("piiColumns", "2")
                .containsEntry("rows", "200");
        assertThat(report.findings().values()).noneMatch(v -> v.contains("@") || v.contains("4111"));
    }

    @Test
    void quarantineHoldsBackTheRowsWhoseCellEmbedsPiiWithTheOtherPoliciesApplied() {
        PiiStep step = step(
                PiiAction.FLAG,
                PiiPolicy.column("p: pii.policies[0]", "note", PiiAction.QUARANTINE),
                PiiPolicy.column("p: pii.policies[1]", "card", PiiAction.HASH));
        assertThat(prepare(step)).isEqualTo(SCHEMA);
        VectorSchemaRoot in = batch(0, 100);
        set(in.getVector("note"), 10, "please write to ann@example.org about the parcel");
        set(in.getVector("note"), 20, "card 4111 1111 1111 1111 was declined yesterday");

        VectorSchemaRoot out = step.apply(in);

        assertThat(out.getRowCount()).isEqualTo(98);
        assertThat(strings(out, "id")).doesNotContain("10", "20").contains("11", "21");
        assertThat(strings(out, "card")).allMatch(c -> c.length() == 64);
        VectorSchemaRoot held = step.diverted();
        assertThat(strings(held, "id")).containsExactly("10", "20");
        assertThat(strings(held, "note").get(0)).contains("ann@example.org");
        assertThat(strings(held, "card")).allMatch(c -> c.length() == 64);
        assertThat(step.divertedSuffix()).isEqualTo("__quarantine");
        assertThat(step.divertedSchema()).isEqualTo(SCHEMA);

        VectorSchemaRoot clean = step.apply(batch(100, 50));
        assertThat(clean.getRowCount())
                .as("a batch without PII in the note passes whole")
                .isEqualTo(50);
        assertThat(step.finish().findings())
                .containsEntry("quarantined", "2")
                .containsEntry("column.note.action", "quarantine");
    }

    @Test
    void quarantineOfANonTextColumnHoldsNothingBack() {
        PiiStep step = step(PiiAction.FLAG, PiiPolicy.column("p: pii.policies[0]", "id", PiiAction.QUARANTINE));
        prepare(step);
        VectorSchemaRoot in = batch(0, 10);
        assertThat(step.apply(in)).isSameAs(in);
        assertThat(step.diverted()).isNull();
    }

    @Test
    void maskKeepsTheDeclaredPrefixAndSuffixAndMasksShortValuesWhole() {
        assertThat(PiiStep.mask("4111 1111 1111 1111", 0, 4)).isEqualTo("***************1111");
        assertThat(PiiStep.mask("ann@example.org", 1, 4)).isEqualTo("a**********.org");
        assertThat(PiiStep.mask("1234", 0, 4)).isEqualTo("****");
        assertThat(PiiStep.mask("Zoë😀x", 1, 1)).isEqualTo("Z***x");
    }

    @Test
    void typePoliciesApplyFromTheFirstBatchToEveryBatch() {
        PiiStep step = step(
                PiiAction.FLAG,
                PiiPolicy.type("p: pii.policies[0]", PiiType.CREDIT_CARD, PiiAction.MASK)
                        .keeping(0, 4),
                PiiPolicy.type("p: pii.policies[1]", PiiType.EMAIL, PiiAction.DROP));
        assertThat(prepare(step)).isEqualTo(SCHEMA);
        for (int b = 0; b < 3; b++) {
            VectorSchemaRoot out = step.apply(batch(b * 100, 100));
            assertThat(strings(out, "card")).allMatch(v -> v.matches("\\*+\\d{4}"));
            assertThat(strings(out, "contact")).containsOnlyNulls();
            assertThat(strings(out, "note")).filteredOn(v -> v != null).allMatch(v -> v.startsWith("delivered"));
        }
        assertThat(step.finish().findings())
                .containsEntry("column.card.action", "mask")
                .containsEntry("column.contact.action", "drop");
    }

    @Test
    void hashIsKeyedDeterministicAndNamedColumnsChangeTheSchema() {
        PiiStep one = step(PiiAction.FLAG, PiiPolicy.column("p: pii.policies[0]", "CONTACT", PiiAction.HASH));
        PiiStep two = step(PiiAction.FLAG, PiiPolicy.column("p: pii.policies[0]", "contact", PiiAction.HASH));
        PiiStep dropId = step(PiiAction.FLAG, PiiPolicy.column("p: pii.policies[0]", "id", PiiAction.DROP));
        prepare(one);
        prepare(two);
        assertThat(prepare(dropId).names()).containsExactly("contact", "card", "note");
        List<String> a = strings(one.apply(batch(0, 50)), "contact");
        List<String> b = strings(two.apply(batch(0, 50)), "contact");
        assertThat(a).isEqualTo(b).allMatch(v -> v.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        assertThat(a.getFirst())
                .isNotEqualTo(new PiiStep(
                                List.of(),
                                "other".getBytes(StandardCharsets.UTF_8),
                                PiiAction.FLAG,
                                ScanOptions.DEFAULTS)
                        .hash("user0@example.org"))
                .isEqualTo(one.hash("user0@example.org"));
        VectorSchemaRoot dropped = dropId.apply(batch(0, 10));
        assertThat(dropped.getSchema().getFields())
                .extracting(f -> f.getName())
                .containsExactly("contact", "card", "note");
    }

    @Test
    void aHashedColumnThatIsNotTextBecomesTextAndAMissingColumnIsRefusedNamingThePolicy() {
        PiiStep hashId = step(PiiAction.FLAG, PiiPolicy.column("p: pii.policies[0]", "id", PiiAction.HASH));
        assertThat(prepare(hashId).field("id").orElseThrow().type()).isEqualTo(LakeType.STRING);
        assertThat(strings(hashId.apply(batch(0, 3)), "id")).allMatch(v -> v.matches("[0-9a-f]{64}"));

        PiiStep missing =
                step(PiiAction.FLAG, PiiPolicy.column("pipelines/people: pii.policies[2]", "e_mail", PiiAction.MASK));
        assertThatThrownBy(() -> prepare(missing))
                .isInstanceOf(StepRefusedException.class)
                .hasMessageContaining("pipelines/people: pii.policies[2].column: column 'e_mail' is not in the source")
                .hasMessageContaining("id, contact, card, note");

        PiiStep noKey = new PiiStep(
                List.of(PiiPolicy.column("k", "contact", PiiAction.HASH)), null, PiiAction.FLAG, ScanOptions.DEFAULTS);
        assertThatThrownBy(() -> prepare(noKey)).hasMessageContaining("lakehub.pii.hash-key");
    }

    @Test
    void aColumnThatTurnsOutPiiOnlyAfterTheFirstBatchIsReportedLate() {
        PiiStep step = step(PiiAction.FLAG, PiiPolicy.type("p: pii.policies[0]", PiiType.EMAIL, PiiAction.HASH));
        prepare(step);
        VectorSchemaRoot first = batch(0, 100);
        for (int r = 0; r < 100; r++) {
            set(first.getVector(1), r, "n/a");
        }
        assertThat(strings(step.apply(first), "contact")).containsOnly("n/a");
        for (int b = 1; b < 10; b++) {
            assertThat(strings(step.apply(batch(b * 100, 100)), "contact")).allMatch(v -> v.endsWith("example.org"));
        }
        assertThat(step.finish().findings()).containsEntry("late.contact", "EMAIL");
    }
}
