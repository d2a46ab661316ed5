package io.lakehub.processors.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data embedded in free text (a comment, a message body, a JSON document): e-mail
 * addresses, payment card numbers, IBANs, US SSNs written {@code AAA-GG-SSSS} and phone numbers.
 * Candidates are found by shape and then confirmed by the same validators as whole values ({@link
 * PiiValidators}); phone numbers by libphonenumber's matcher at its VALID leniency, with at least 10
 * digits, outside the spans already taken by a card, IBAN or SSN. Reads at most a bounded prefix of
 * the text.
 */
public final class PiiText {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,200}\\.[A-Za-z]{2,24}");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){11,18}(?![\\d])");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])");

    private PiiText() {}

    /** The types embedded in the first {@code maxChars} characters of {@code text}; empty when none. */
    public static Set<PiiType> find(CharSequence text, int maxChars) {
        EnumSet<PiiType> found = EnumSet.noneOf(PiiType.class);
        if (text == null || text.isEmpty()) {
            return found;
        }
        String t = (text.length() > maxChars ? text.subSequence(0, maxChars) : text).toString();
        int digits = 0;
        boolean at = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        if (at) {
            Matcher m = EMAIL.matcher(t);
            while (m.find()) {
                if (PiiValidators.isEmail(m.group())) {
                    found.add(PiiType.EMAIL);
                    break;
                }
            }
        }
        if (digits < 9) {
            return found;
        }
        // Numbers that are cards, IBANs or SSNs are blanked out before phones are looked for, so
        // that a card number is not also reported as a phone number.
        StringBuilder rest = new StringBuilder(t);
        blank(found, PiiType.CREDIT_CARD, CARD.matcher(t), rest);
        blank(found, PiiType.IBAN, IBAN.matcher(t), rest);
        blank(found, PiiType.US_SSN, SSN.matcher(t), rest);
        if (digits >= 10) {
            for (PhoneNumberMatch m : PHONES.findNumbers(rest, "US", PhoneNumberUtil.Leniency.VALID, 20)) {
                if (countDigits(m.rawString()) >= 10) {
                    found.add(PiiType.PHONE);
                    break;
                }
            }
        }
        return found;
    }

    private static void blank(Set<PiiType> found, PiiType type, Matcher m, StringBuilder rest) {
        while (m.find()) {
            String candidate = m.group();
            boolean valid = switch (type) {
                case CREDIT_CARD -> PiiValidators.isCreditCard(candidate);
                case IBAN -> PiiValidators.isIban(candidate);
                case US_SSN -> PiiValidators.isUsSsn(candidate, false);
                default -> false;
            };
            if (valid) {
                found.add(type);
                for (int i = m.start(); i < m.end(); i++) {
                    rest.setCharAt(i, ' ');
                }
            }
        }
    }

    private static int countDigits(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }
}
