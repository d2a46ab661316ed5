package io.lakehub.processors.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.HashMap;
import java.util.Map;

/**
 * Validators of single values: each answers whether a whole value (surrounding blanks ignored) is
 * a valid instance of one {@link PiiType}, with the checks the type defines (Luhn, mod-97, area
 * rules, numbering plans), not by its shape alone. Never throw on any input, never log.
 */
public final class PiiValidators {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** IBAN lengths per country (SWIFT IBAN registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = ibanLengths();

    private PiiValidators() {}

    /**
     * Loads what the first scan would otherwise load on an ingest's thread (libphonenumber's NANP and
     * common international metadata, the word lists, the patterns): about half a second once per JVM.
     * For the hub's start-up; calling it is optional and harmless.
     */
    public static void warmUp() {
        isPhone("+1 415 253 2671", false);
        isPhone("+44 20 7946 0958", false);
        isPhone("(415) 253-2671", false);
        new ColumnScanner("warm_up", io.lakehub.catalog.schema.LakeType.STRING, ScanOptions.DEFAULTS)
                .offerText("Mary Smith, 12 Main St, mary@example.com, 4111 1111 1111 1111, E11.9");
        PiiText.find("call +1 415 253 2671 or write to mary@example.com", 4096);
    }

    private static Map<String, Integer> ibanLengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
                + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22"
                + " IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19"
                + " MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31"
                + " SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        Map<String, Integer> m = new HashMap<>();
        for (String e : table.split(" ")) {
            m.put(e.substring(0, 2), Integer.parseInt(e.substring(2)));
        }
        return Map.copyOf(m);
    }

    /**
     * Whether {@code s} is an e-mail address: a dot-atom local part of at most 64 characters, one
     * {@code @}, and a domain of at least two labels whose last (the TLD) is alphabetic.
     */
    public static boolean isEmail(CharSequence s) {
        int from = start(s);
        int to = end(s);
        int len = to - from;
        if (len < 6 || len > 254) {
            return false;
        }
        int at = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            }
        }
        if (at <= from || at - from > 64 || at >= to - 3) {
            return false;
        }
        char prev = '.';
        for (int i = from; i < at; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (prev == '.') {
                    return false;
                }
            } else if (!(isAsciiAlnum(c) || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)) {
                return false;
            }
            prev = c;
        }
        if (prev == '.') {
            return false;
        }
        return isDomain(s, at + 1, to);
    }

    /** Whether {@code s[from, to)} is a host name of at least two labels with an alphabetic TLD. */
    static boolean isDomain(CharSequence s, int from, int to) {
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                int n = i - labelStart;
                if (n < 1 || n > 63 || s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == to) {
                    // the TLD: letters only (or an IDN's xn-- form), at least two
                    if (n < 2) {
                        return false;
                    }
                    boolean idn = n > 4 && s.charAt(labelStart) == 'x' && s.charAt(labelStart + 1) == 'n';
                    for (int k = labelStart; k < i && !idn; k++) {
                        if (!isAsciiLetter(s.charAt(k))) {
                            return false;
                        }
                    }
                }
                labelStart = i + 1;
            } else {
                char c = s.charAt(i);
                if (!(isAsciiAlnum(c) || c == '-')) {
                    return false;
                }
            }
        }
        return labels >= 2;
    }

    /**
     * Whether {@code s} is a phone number that libphonenumber finds valid: national numbers are read
     * as NANP (US), numbers starting with {@code +} or {@code 00} by their country code. It must
     * have 10 to 15 digits and only digits, blanks, {@code - . ( ) /} and a leading {@code +}; a bare
     * run of digits (no {@code +}, no separators) counts only if {@code bareDigits} (the column name
     * says phone): otherwise every 10-digit id would be a phone number.
     */
    public static boolean isPhone(CharSequence s, boolean bareDigits) {
        int from = start(s);
        int to = end(s);
        if (to - from < 10 || to - from > 24) {
            return false;
        }
        int digits = 0;
        int separators = 0;
        int dots = 0;
        boolean plus = s.charAt(from) == '+';
        for (int i = plus ? from + 1 : from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '/') {
                separators++;
            } else if (c == '.') {
                dots++;
                separators++;
            } else {
                return false;
            }
        }
        if (digits < 10 || digits > 15 || dots == 3 && isIpAddress(s)) {
            return false;
        }
        if (!plus && separators == 0 && !bareDigits) {
            return false;
        }
        try {
            String text = s.subSequence(from, to).toString();
            if (!plus && text.startsWith("00")) {
                text = "+" + text.substring(2);
                plus = true;
            }
            Phonenumber.PhoneNumber n = PHONES.parse(text, "US");
            return PHONES.isValidNumber(n);
        } catch (NumberParseException e) {
            return false; // not a phone number: a verdict, not an error
        }
    }

    /**
     * Whether {@code s} is a US Social Security number: {@code AAA-GG-SSSS} (dashes or blanks), or
     * nine bare digits if {@code bareDigits}; area not 000, 666 or 900-999, group not 00, serial not
     * 0000, and not one of the numbers known to be invalid (078-05-1120, 219-09-9999, 123-45-6789).
     */
    public static boolean isUsSsn(CharSequence s, boolean bareDigits) {
        int from = start(s);
        int to = end(s);
        int len = to - from;
        int value;
        if (len == 11) {
            char d1 = s.charAt(from + 3);
            char d2 = s.charAt(from + 6);
            if (!(d1 == '-' && d2 == '-' || d1 == ' ' && d2 == ' ')) {
                return false;
            }
            int a = digits(s, from, from + 3);
            int g = digits(s, from + 4, from + 6);
            int n = digits(s, from + 7, to);
            if (a < 0 || g < 0 || n < 0) {
                return false;
            }
            value = a * 1_000_000 + g * 10_000 + n;
        } else if (len == 9 && bareDigits) {
            value = digits(s, from, to);
            if (value < 0) {
                return false;
            }
        } else {
            return false;
        }
        return isUsSsn(value);
    }

    /** Whether the nine-digit number {@code value} (area, group, serial) is a valid SSN. */
    public static boolean isUsSsn(long value) {
        if (value < 0 || value > 999_999_999L) {
            return false;
        }
        int area = (int) (value / 1_000_000);
        int group = (int) (value / 10_000 % 100);
        int serial = (int) (value % 10_000);
        return area != 0
                && area != 666
                && area < 900
                && group != 0
                && serial != 0
                && value != 78_051_120L
                && value != 219_099_999L
                && value != 123_456_789L;
    }

    /**
     * Whether {@code s} is a payment card number: 12 to 19 digits, optionally grouped with blanks or
     * dashes, a known issuer prefix with one of its lengths (Visa, Mastercard, American Express,
     * Discover, Diners Club, JCB, UnionPay, Maestro, Mir), and a valid Luhn check digit.
     */
    public static boolean isCreditCard(CharSequence s) {
        int from = start(s);
        int to = end(s);
        if (to - from < 12 || to - from > 23) {
            return false;
        }
        char[] d = new char[19];
        int n = 0;
        char separator = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == 19) {
                    return false;
                }
                d[n++] = c;
            } else if ((c == ' ' || c == '-') && i > from && isDigit(s.charAt(i - 1))) {
                if (separator != 0 && separator != c) {
                    return false;
                }
                separator = c;
            } else {
                return false;
            }
        }
        return isCardNumber(d, n);
    }

    /** Whether the digits {@code d[0, n)} are a card number: issuer prefix and length, then Luhn. */
    static boolean isCardNumber(char[] d, int n) {
        if (n < 12 || n > 19) {
            return false;
        }
        int p2 = (d[0] - '0') * 10 + (d[1] - '0');
        int p3 = p2 * 10 + (d[2] - '0');
        int p4 = p3 * 10 + (d[3] - '0');
        int p6 = (p4 * 10 + (d[4] - '0')) * 10 + (d[5] - '0');
        boolean issuer = d[0] == '4' && (n == 13 || n == 16 || n == 19) // Visa
                || (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) && n == 16 // Mastercard
                || (p2 == 34 || p2 == 37) && n == 15 // American Express
                || (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p6 >= 622126 && p6 <= 622925)
                        && n >= 16 // Discover
                || (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14 // Diners Club
                || p4 >= 3528 && p4 <= 3589 && n >= 16 // JCB
                || p2 == 62 && n >= 16 // UnionPay
                || (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 >= 6759 && p4 <= 6763)
                        && n >= 12 // Maestro
                || p4 >= 2200 && p4 <= 2204 && n == 16; // Mir
        return issuer && luhn(d, n);
    }

    /** Whether the digits {@code d[0, n)} end in a valid Luhn (mod 10) check digit. */
    public static boolean luhn(char[] d, int n) {
        int sum = 0;
        for (int i = n - 1, k = 0; i >= 0; i--, k++) {
            int v = d[i] - '0';
            if (v < 0 || v > 9) {
                return false;
            }
            if ((k & 1) == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether {@code s} is an IBAN: a country from the registry, the length that country uses,
     * letters and digits only (blanks between groups allowed), and check digits that make the
     * number 1 modulo 97 (ISO 13616).
     */
    public static boolean isIban(CharSequence s) {
        int from = start(s);
        int to = end(s);
        if (to - from < 15 || to - from > 42) {
            return false;
        }
        char[] c = new char[34];
        int n = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == ' ') {
                continue;
            }
            if (n == 34 || !isAsciiAlnum(ch)) {
                return false;
            }
            c[n++] = Character.toUpperCase(ch);
        }
        if (n < 15 || !isAsciiLetter(c[0]) || !isAsciiLetter(c[1]) || !isDigit(c[2]) || !isDigit(c[3])) {
            return false;
        }
        Integer expected = IBAN_LENGTHS.get(new String(c, 0, 2));
        if (expected == null || expected != n) {
            return false;
        }
        int mod = 0;
        for (int k = 0; k < n; k++) {
            char ch = c[(k + 4) % n];
            if (isDigit(ch)) {
                mod = (mod * 10 + (ch - '0')) % 97;
            } else {
                mod = (mod * 100 + (ch - 'A' + 10)) % 97;
            }
        }
        return mod == 1;
    }

    /** Whether {@code s} is an IPv4 address (dotted quad, no leading zeros) or an IPv6 address. */
    public static boolean isIpAddress(CharSequence s) {
        int from = start(s);
        int to = end(s);
        return isIpv4(s, from, to) || isIpv6(s, from, to);
    }

    static boolean isIpv4(CharSequence s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return false;
        }
        int parts = 0;
        int i = from;
        while (i <= to) {
            int j = i;
            int v = 0;
            while (j < to && isDigit(s.charAt(j))) {
                v = v * 10 + (s.charAt(j) - '0');
                j++;
            }
            int n = j - i;
            if (n == 0 || n > 3 || v > 255 || n > 1 && s.charAt(i) == '0') {
                return false;
            }
            parts++;
            if (j == to) {
                break;
            }
            if (s.charAt(j) != '.' || parts == 4) {
                return false;
            }
            i = j + 1;
        }
        return parts == 4;
    }

    static boolean isIpv6(CharSequence s, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == to) {
                return true; // "::"
            }
        }
        while (i < to) {
            int j = i;
            while (j < to && j - i < 5 && isHex(s.charAt(j))) {
                j++;
            }
            if (j < to && s.charAt(j) == '.') {
                // an embedded IPv4 address ends the address and counts as two groups
                if (!isIpv4(s, i, to)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (j == i || j - i > 4) {
                return false;
            }
            groups++;
            if (j == to) {
                break;
            }
            if (s.charAt(j) != ':') {
                return false;
            }
            if (j + 1 < to && s.charAt(j + 1) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i = j + 2;
                if (i == to) {
                    break;
                }
            } else {
                i = j + 1;
                if (i == to) {
                    return false;
                }
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    /** The value of the decimal digits {@code s[from, to)}, or -1 if one is not a digit. */
    static int digits(CharSequence s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static int start(CharSequence s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int end(CharSequence s) {
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }
}
