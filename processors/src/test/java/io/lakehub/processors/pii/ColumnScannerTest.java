package io.lakehub.processors.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Column classification: content decides, names only lower the bar, bad input is survived. */
class ColumnScannerTest {
    private final Random random = new Random(28);

    private static ColumnClassification classify(String name, LakeType type, int n, IntFunction<Object> value) {
        ColumnScanner s = new ColumnScanner(name, type, ScanOptions.DEFAULTS);
        for (int i = 0; i < n; i++) {
            s.offer(value.apply(i));
        }
        return s.classify();
    }

    @Test
    void aNameNeverOutweighsContradictingContent() {
        assertThat(classify("ssn_verified", LakeType.STRING, 200, i -> i % 2 == 0 ? "true" : "false")
                        .pii())
                .isNull();
        assertThat(classify("phone_count", LakeType.BIGINT, 200, i -> (long) (i % 4))
                        .pii())
                .isNull();
        assertThat(classify(
                                "ssn",
                                LakeType.STRING,
                                200,
                                i -> String.format("9%02d-%02d-%04d", i % 100, i % 90 + 1, i + 1))
                        .pii())
                .as("SSN-shaped SKUs with 9xx areas")
                .isNull();
        assertThat(classify("credit_card", LakeType.STRING, 200, i -> orderNumber())
                        .pii())
                .as("16-digit order numbers, about 10% passing Luhn by chance")
                .isNull();
        assertThat(classify("email", LakeType.STRING, 200, i -> "n/a").pii()).isNull();
        assertThat(classify("salary", LakeType.STRING, 200, i -> "see contract").pii())
                .isNull();
    }

    private String orderNumber() {
        StringBuilder d = new StringBuilder().append(1 + random.nextInt(9));
        while (d.length() < 16) {
            d.append(random.nextInt(10));
        }
        return d.toString();
    }

    @Test
    void meaninglessNamesAreClassifiedByContent() {
        ColumnClassification c = classify("c1", LakeType.STRING, 100, i -> "user" + i + "@example.com");
        assertThat(c.pii()).isEqualTo(PiiType.EMAIL);
        assertThat(c.confidence()).isBetween(0.9, 0.99);
        assertThat(c.sampled()).isEqualTo(100);
        assertThat(c.matchRatio()).isEqualTo(1.0);
        assertThat(classify(
                                "field_7",
                                LakeType.STRING,
                                100,
                                i -> String.format("%03d-%02d-%04d", i + 100, i % 98 + 1, i + 1))
                        .pii())
                .isEqualTo(PiiType.US_SSN);
        assertThat(classify("x", LakeType.DATE, 100, i -> LocalDate.of(1940 + i % 60, 1 + i % 12, 1 + i % 28))
                        .pii())
                .isEqualTo(PiiType.DATE_OF_BIRTH);
        assertThat(classify(
                                "x",
                                LakeType.DATE,
                                100,
                                i -> LocalDate.of(2020, 1, 1).plusDays(i))
                        .pii())
                .as("recent dates are not birth dates")
                .isNull();
    }

    @Test
    void nameHintsLowerTheBar() {
        // 60% valid: enough with the name, not without
        IntFunction<Object> mixed = i -> i % 5 < 3 ? "(415) 253-" + (1000 + i) : "unknown";
        assertThat(classify("mobile", LakeType.STRING, 100, mixed).pii()).isEqualTo(PiiType.PHONE);
        assertThat(classify("c9", LakeType.STRING, 100, mixed).pii()).isNull();
        assertThat(classify(
                                "date_of_birth",
                                LakeType.DATE,
                                100,
                                i -> LocalDate.of(1990, 1, 1).plusDays(i))
                        .pii())
                .isEqualTo(PiiType.DATE_OF_BIRTH);
        assertThat(classify("annual_salary", LakeType.BIGINT, 100, i -> 40_000L + 500L * i)
                        .pii())
                .isEqualTo(PiiType.FINANCIAL);
        assertThat(classify("price", LakeType.BIGINT, 100, i -> 40_000L + 500L * i)
                        .pii())
                .isNull();
        assertThat(classify("diagnosis", LakeType.STRING, 100, i -> i % 2 == 0 ? "Asthma" : "E11.9")
                        .pii())
                .isEqualTo(PiiType.HEALTH);
        assertThat(classify("item_condition", LakeType.STRING, 100, i -> i % 2 == 0 ? "new" : "used")
                        .pii())
                .isNull();
    }

    @Test
    void freeTextCountsTheCellsThatEmbedPii() {
        ColumnClassification c = classify(
                "comment",
                LakeType.STRING,
                200,
                i -> i % 20 == 0
                        ? "please write to someone" + i + "@example.org about the order"
                        : "the parcel arrived on time and in good shape");
        assertThat(c.pii()).isEqualTo(PiiType.EMAIL);
        assertThat(c.matches()).isEqualTo(10);
        assertThat(c.sampled()).isEqualTo(200);
        assertThat(classify("comment", LakeType.STRING, 200, i -> "the parcel arrived on time and in good shape")
                        .pii())
                .isNull();
    }

    @Test
    void badInputIsSurvivedAndClassifiedSensibly() {
        String megabyte = "lorem ipsum dolor ".repeat(60_000) + " hidden@example.com";
        ColumnClassification huge = classify("body", LakeType.STRING, 20, i -> megabyte);
        assertThat(huge.pii())
                .as("only the first 4,096 characters of a cell are read")
                .isNull();
        assertThat(huge.sampled()).isEqualTo(20);

        byte[] junk = new byte[300];
        ColumnClassification binary = classify("blob_as_text", LakeType.STRING, 100, i -> {
            random.nextBytes(junk);
            return junk.clone();
        });
        assertThat(binary.pii()).isNull();
        assertThat(binary.sampled()).isEqualTo(100);

        byte[] latin1 = "Zo\u00eb Fran\u00e7ois".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(classify("name", LakeType.STRING, 50, i -> latin1).sampled()).isEqualTo(50);

        ColumnClassification nulls = classify("email", LakeType.STRING, 1000, i -> null);
        assertThat(nulls).isEqualTo(new ColumnClassification("email", null, 0, 0, 0));
        assertThat(classify("email", LakeType.STRING, 100, i -> "   ").sampled())
                .as("blanks")
                .isZero();

        ColumnClassification same = classify("contact", LakeType.STRING, 500, i -> "help@example.com");
        assertThat(same.pii()).isEqualTo(PiiType.EMAIL);
        assertThat(same.confidence()).as("one repeated value is less sure").isLessThan(0.8);

        assertThat(classify("flag", LakeType.BOOLEAN, 100, i -> true).confidence())
                .isEqualTo(1.0);
    }

    @Test
    void theSampleIsBounded() {
        ColumnScanner s = new ColumnScanner("email", LakeType.STRING, ScanOptions.DEFAULTS.withSampleSize(50));
        for (int i = 0; i < 1000; i++) {
            s.offer("user" + i + "@example.com");
        }
        assertThat(s.isFull()).isTrue();
        assertThat(s.classify().sampled()).isEqualTo(50);
    }
}
