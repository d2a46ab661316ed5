package io.lakehub.processors.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The validators, with seeded random valid and corrupted numbers. */
class PiiValidatorsTest {
    private final Random random = new Random(28);

    private static int luhnDigit(CharSequence partial) {
        int sum = 0;
        for (int i = partial.length() - 1, k = 0; i >= 0; i--, k++) {
            int v = partial.charAt(i) - '0';
            if (k % 2 == 0) {
                v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            }
            sum += v;
        }
        return (10 - sum % 10) % 10;
    }

    private String card(String prefix, int length) {
        StringBuilder d = new StringBuilder(prefix);
        while (d.length() < length - 1) {
            d.append(random.nextInt(10));
        }
        return d.append(luhnDigit(d)).toString();
    }

    @Test
    void cardsWithValidLuhnAndIssuerPassAndEverySingleDigitChangeFails() {
        String[][] issuers = {
            {"4", "16"},
            {"4", "13"},
            {"51", "16"},
            {"2720", "16"},
            {"34", "15"},
            {"37", "15"},
            {"6011", "16"},
            {"65", "19"},
            {"3530", "16"},
            {"36", "14"},
            {"62", "18"}
        };
        for (int n = 0; n < 2000; n++) {
            String[] issuer = issuers[random.nextInt(issuers.length)];
            String number = card(issuer[0], Integer.parseInt(issuer[1]));
            assertThat(PiiValidators.isCreditCard(number)).as(number).isTrue();
            int i = random.nextInt(number.length());
            char changed = (char) ('0' + (number.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
            String corrupted = number.substring(0, i) + changed + number.substring(i + 1);
            assertThat(PiiValidators.isCreditCard(corrupted)).as(corrupted).isFalse();
        }
    }

    @Test
    void cardsMayBeGroupedWithBlanksOrDashesButNotBoth() {
        assertThat(PiiValidators.isCreditCard("4111 1111 1111 1111")).isTrue();
        assertThat(PiiValidators.isCreditCard("4111-1111-1111-1111")).isTrue();
        assertThat(PiiValidators.isCreditCard("3782 822463 10005")).isTrue();
        assertThat(PiiValidators.isCreditCard("4111-1111 1111-1111")).isFalse();
        assertThat(PiiValidators.isCreditCard("4111111111111112")).as("Luhn").isFalse();
        assertThat(PiiValidators.isCreditCard("1234567812345670"))
                .as("no issuer starts with 1")
                .isFalse();
        assertThat(PiiValidators.isCreditCard("41111111111111111"))
                .as("Visa has no 17 digits")
                .isFalse();
    }

    private String iban(String country, int bbanLength) {
        StringBuilder bban = new StringBuilder();
        while (bban.length() < bbanLength) {
            bban.append(random.nextInt(10));
        }
        String rearranged = bban + country + "00";
        int mod = 0;
        for (char c : rearranged.toCharArray()) {
            mod = Character.isDigit(c) ? (mod * 10 + c - '0') % 97 : (mod * 100 + c - 'A' + 10) % 97;
        }
        return country + String.format(Locale.ROOT, "%02d", 98 - mod) + bban;
    }

    @Test
    void ibansWithTheirCountrysLengthAndMod97PassAndCorruptedOnesFail() {
        String[][] countries = {{"DE", "18"}, {"FR", "23"}, {"NL", "14"}, {"ES", "20"}, {"NO", "11"}, {"BE", "12"}};
        for (int n = 0; n < 2000; n++) {
            String[] c = countries[random.nextInt(countries.length)];
            String iban = iban(c[0], Integer.parseInt(c[1]));
            assertThat(PiiValidators.isIban(iban)).as(iban).isTrue();
            int i = 4 + random.nextInt(iban.length() - 4);
            char changed = (char) ('0' + (iban.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
            assertThat(PiiValidators.isIban(iban.substring(0, i) + changed + iban.substring(i + 1)))
                    .isFalse();
            assertThat(PiiValidators.isIban(iban + "0"))
                    .as("one digit too many")
                    .isFalse();
        }
        assertThat(PiiValidators.isIban("GB82 WEST 1234 5698 7654 32")).isTrue();
        assertThat(PiiValidators.isIban("gb82west12345698765432")).isTrue();
        assertThat(PiiValidators.isIban("XX82WEST12345698765432"))
                .as("no such country")
                .isFalse();
    }

    @Test
    void ssnsFollowTheAreaGroupAndSerialRules() {
        for (int n = 0; n < 5000; n++) {
            int area = random.nextInt(1000);
            int group = random.nextInt(100);
            int serial = random.nextInt(10000);
            String ssn = String.format(Locale.ROOT, "%03d-%02d-%04d", area, group, serial);
            boolean valid = area != 0
                    && area != 666
                    && area < 900
                    && group != 0
                    && serial != 0
                    && !ssn.equals("078-05-1120")
                    && !ssn.equals("219-09-9999")
                    && !ssn.equals("123-45-6789");
            assertThat(PiiValidators.isUsSsn(ssn, false)).as(ssn).isEqualTo(valid);
        }
        assertThat(PiiValidators.isUsSsn("536901234", false))
                .as("bare digits need a name hint")
                .isFalse();
        assertThat(PiiValidators.isUsSsn("536901234", true)).isTrue();
        assertThat(PiiValidators.isUsSsn("536-90 1234", false)).isFalse();
    }

    @Test
    void warmUpRunsWithoutInput() {
        PiiValidators.warmUp();
        assertThat(PiiValidators.isPhone("+1 415 253 2671", false)).isTrue();
    }

    @Test
    void emails() {
        assertThat(PiiValidators.isEmail("mary.smith+news@mail.example.co.uk")).isTrue();
        assertThat(PiiValidators.isEmail("  MARY@EXAMPLE.COM ")).isTrue();
        assertThat(PiiValidators.isEmail("mary@localhost")).isFalse();
        assertThat(PiiValidators.isEmail("mary..smith@example.com")).isFalse();
        assertThat(PiiValidators.isEmail("mary@@example.com")).isFalse();
        assertThat(PiiValidators.isEmail("mary@example.c0m")).isFalse();
        assertThat(PiiValidators.isEmail("mary smith@example.com")).isFalse();
        assertThat(PiiValidators.isEmail("@example.com")).isFalse();
    }

    @Test
    void ipAddresses() {
        for (int n = 0; n < 1000; n++) {
            int[] q = {random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            assertThat(PiiValidators.isIpAddress(q[0] + "." + q[1] + "." + q[2] + "." + q[3]))
                    .isTrue();
            assertThat(PiiValidators.isIpAddress(q[0] + "." + q[1] + "." + (256 + q[2]) + "." + q[3]))
                    .isFalse();
        }
        assertThat(PiiValidators.isIpAddress("::1")).isTrue();
        assertThat(PiiValidators.isIpAddress("2001:db8::8a2e:370:7334")).isTrue();
        assertThat(PiiValidators.isIpAddress("2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
                .isTrue();
        assertThat(PiiValidators.isIpAddress("::ffff:192.0.2.128")).isTrue();
        assertThat(PiiValidators.isIpAddress("00:1A:2B:3C:4D:5E"))
                .as("a MAC address")
                .isFalse();
        assertThat(PiiValidators.isIpAddress("12:30:45")).as("a time").isFalse();
        assertThat(PiiValidators.isIpAddress("2001:db8::1::2")).isFalse();
        assertThat(PiiValidators.isIpAddress("1.2.3")).isFalse();
        assertThat(PiiValidators.isIpAddress("01.2.3.4")).isFalse();
    }

    @Test
    void phonesAreValidatedByTheirNumberingPlan() {
        assertThat(PiiValidators.isPhone("(415) 253-2671", false)).isTrue();
        assertThat(PiiValidators.isPhone("+44 20 7946 0958", false)).isTrue();
        assertThat(PiiValidators.isPhone("+49 30 901820", false)).isTrue();
        assertThat(PiiValidators.isPhone("4152532671", false))
                .as("bare digits need a name hint")
                .isFalse();
        assertThat(PiiValidators.isPhone("4152532671", true)).isTrue();
        assertThat(PiiValidators.isPhone("(111) 111-1111", false))
                .as("no such area code")
                .isFalse();
        assertThat(PiiValidators.isPhone("192.168.100.200", true))
                .as("an IP address")
                .isFalse();
        assertThat(PiiValidators.isPhone("2024-01-15", true)).as("a date").isFalse();
    }

    @Test
    void embeddedTextFindsEachTypeOnce() {
        assertThat(PiiText.find("write to mary@example.com or call (415) 253-2671 today", 4096))
                .containsExactlyInAnyOrder(PiiType.EMAIL, PiiType.PHONE);
        assertThat(PiiText.find("card 4111 1111 1111 1111 was declined", 4096)).containsExactly(PiiType.CREDIT_CARD);
        assertThat(PiiText.find("order 4111111111111112 shipped on 2024-03-05", 4096))
                .isEmpty();
        assertThat(PiiText.find("refund to DE89 3704 0044 0532 0130 00 sent", 4096))
                .containsExactly(PiiType.IBAN);
        assertThat(PiiText.find("SSN 536-90-1234 on file, SKU 987-65-4321", 4096))
                .containsExactly(PiiType.US_SSN);
        String late = "x".repeat(5000) + " mary@example.com";
        assertThat(PiiText.find(late, 4096)).as("past the bound").isEmpty();
    }
}
