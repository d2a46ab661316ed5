package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditHashTest {
    private static final String PREV = "ab".repeat(32);

    @Test
    void isTheSha256OfTheDocumentedLengthPrefixedEncoding() throws Exception {
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("16:lakehub-audit-v1,64:" + PREV + ",1:7,3:123,3:cli,14:dataset.commit,"
                                        + "14:dataset:people,2:{},")
                                .getBytes(StandardCharsets.UTF_8)));

        assertThat(AuditHash.of(PREV, 7, 123, "cli", "dataset.commit", "dataset:people", "{}"))
                .isEqualTo(expected)
                .hasSize(64)
                .matches("[0-9a-f]{64}");
    }

    @Test
    void movingTextBetweenFieldsChangesTheHash() {
        String a = AuditHash.of(PREV, 1, 1, "ab", "c", "e", "{}");
        String b = AuditHash.of(PREV, 1, 1, "a", "bc", "e", "{}");
        String c = AuditHash.of(PREV, 11, 1, "a", "bc", "e", "{}");
        String d = AuditHash.of(PREV, 1, 11, "a", "bc", "e", "{}");

        assertThat(a).isNotEqualTo(b);
        assertThat(b).isNotEqualTo(c).isNotEqualTo(d);
        assertThat(c).isNotEqualTo(d);
    }

    @Test
    void prefixesUtf8ByteLengthsNotCharacterCounts() throws Exception {
        // "josé" is four chars but five UTF-8 bytes.
        String byChars = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("16:lakehub-audit-v1,64:" + AuditHash.GENESIS + ",1:1,1:1,4:jos\u00e9,1:x,1:e,2:{},")
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(byChars).isNotEqualTo(AuditHash.of(AuditHash.GENESIS, 1, 1, "josé", "x", "e", "{}"));

        String byBytes = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("16:lakehub-audit-v1,64:" + AuditHash.GENESIS + ",1:1,1:1,5:jos\u00e9,1:x,1:e,2:{},")
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, 1, "josé", "x", "e", "{}"))
                .isEqualTo(byBytes);
    }
}
