package io.lakehub.processors.pii;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks of the content-only types that have no check digit: street addresses, dates,
 * amounts, ICD-10 codes and health terms, person names. Package-private: {@link ColumnScanner}
 * combines them with the column name.
 */
final class ContentChecks {
    private static final String SUFFIX = "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct"
            + "|place|pl|terrace|ter|way|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|loop|alley"
            + "|crescent|cres|close|plaza|plz|pike|path|ridge|heights|hts|walk|expressway|expy|freeway|fwy"
            + "|turnpike|tpke|row|run|point|pt|grove|gardens|crossing|xing|landing|pass|view|commons";
    private static final String DIRECTION = "n|s|e|w|ne|nw|se|sw|north|south|east|west";
    private static final String UNIT = "apt|apartment|suite|ste|unit|#|fl|floor|rm|room|bldg|building";
    private static final Pattern STREET = Pattern.compile("(?i)\\d{1,6}[a-z]?(?:-\\d{1,4})?\\s+(?:(?:" + DIRECTION
            + ")\\.?\\s+)?(?:[\\p{L}0-9'.-]+\\s+){1,4}(?:" + SUFFIX + ")\\.?(?:\\s+(?:" + DIRECTION + ")\\.?)?"
            + "(?:\\s*,?\\s*(?:" + UNIT + ")\\.?\\s*#?\\s*[a-z0-9-]{1,6})?(?:\\s*,\\s*[^,]{2,40}){0,3}");
    private static final Pattern ICD10 = Pattern.compile("[A-TV-Z][0-9][0-9AB](?:\\.[0-9A-KXZ]{1,4})?");
    private static final Pattern AMOUNT = Pattern.compile(
            "[-+(]?\\s?(?:[$€£¥]|usd|eur|gbp)?\\s?[-+]?(?:\\d{1,3}(?:[,'\\s]\\d{3})+|\\d+)(?:[.,]\\d{1,2})?"
                    + "\\s?(?:[$€£¥kKmM]|usd|eur|gbp|chf)?\\)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORDS = Pattern.compile("[\\s,]+");
    private static final java.util.Set<String> NAME_FILLERS = java.util.Set.of(
            "mr", "mrs", "ms", "miss", "dr", "prof", "jr", "sr", "ii", "iii", "iv", "de", "la", "van", "von", "der",
            "del", "da", "di", "le", "mc", "st", "bin", "al");

    private ContentChecks() {}

    /**
     * Whether {@code s} is a street address: a house number, a street name of one to four words, a
     * street suffix (St, Ave, Rd, Blvd, Lane, ...), optionally a direction, a unit and up to three
     * comma-separated parts (city, state and ZIP).
     */
    static boolean isStreetAddress(String s) {
        return s.length() <= 120
                && s.length() >= 8
                && PiiValidators.isDigit(s.charAt(0))
                && s.indexOf(' ') > 0
                && STREET.matcher(s).matches();
    }

    /** Whether {@code s} is an ICD-10 code ({@code E11}, {@code E11.9}, {@code S72.001A}). */
    static boolean isIcd10(String s, boolean requireDot) {
        return s.length() >= 3
                && s.length() <= 8
                && s.charAt(0) >= 'A'
                && s.charAt(0) <= 'Z'
                && PiiValidators.isDigit(s.charAt(1))
                && (!requireDot || s.indexOf('.') == 3)
                && ICD10.matcher(s).matches();
    }

    /** Whether a word of {@code s} (or the whole value) is a medication, condition or allergen. */
    static boolean hasHealthTerm(String lower) {
        int i = 0;
        int n = lower.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n
                    && (Character.isLetterOrDigit(lower.charAt(j))
                            || lower.charAt(j) == '\''
                            || lower.charAt(j) == '-')) {
                j++;
            }
            if (j > i + 2 && Lexicon.HEALTH_TERMS.contains(lower.substring(i, j))) {
                return true;
            }
            i = j;
        }
        return false;
    }

    /** Whether {@code s} is a money amount: digits with optional grouping, decimals and currency. */
    static boolean isAmount(String s) {
        if (s.length() > 30) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (Character.isLetter(c) && "usdeurgbpchfkmUSDEURGBPCHFKM".indexOf(c) < 0) {
                return false;
            }
        }
        return digit && AMOUNT.matcher(s).matches();
    }

    /**
     * The year of the date {@code s} in one of the common forms ({@code yyyy-MM-dd}, {@code
     * yyyy/MM/dd}, {@code MM/dd/yyyy}, {@code dd/MM/yyyy}, {@code dd.MM.yyyy}, {@code dd-MM-yyyy},
     * optionally followed by a time), or -1 if it is none. {@code midnight[0]} is set to whether a
     * time, if any, is midnight.
     */
    static int dateYear(String s, boolean[] midnight) {
        midnight[0] = true;
        int n = s.length();
        if (n < 8) {
            return -1;
        }
        int y;
        int m;
        int d;
        int end;
        if (n >= 10 && isDigits(s, 0, 4) && (s.charAt(4) == '-' || s.charAt(4) == '/') && s.charAt(7) == s.charAt(4)) {
            y = num(s, 0, 4);
            m = num(s, 5, 7);
            d = num(s, 8, 10);
            end = 10;
        } else if (n >= 10
                && (s.charAt(2) == '/' || s.charAt(2) == '.' || s.charAt(2) == '-')
                && s.charAt(5) == s.charAt(2)
                && isDigits(s, 6, 10)) {
            int a = num(s, 0, 2);
            int b = num(s, 3, 5);
            y = num(s, 6, 10);
            // month first (US) unless the first number cannot be a month
            m = a > 12 ? b : a;
            d = a > 12 ? a : b;
            end = 10;
        } else {
            return -1;
        }
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) {
            return -1;
        }
        if (end < n) {
            char c = s.charAt(end);
            if (c != 'T' && c != ' ') {
                return -1;
            }
            String time = s.substring(end + 1);
            boolean zero = true;
            for (int i = end + 1; i < n && zero; i++) {
                char t = s.charAt(i);
                zero = !(t >= '1' && t <= '9');
            }
            midnight[0] = zero;
        }
        return y;
    }

    /**
     * How much {@code s} looks like a person's name: 1 for a full name whose first and last parts are
     * both known names ({@code Mary Smith}, {@code SMITH, MARY}, {@code Dr. Mary J. Smith}), 0.5 for
     * a two- or three-word capitalised name of which one part is known, 0 otherwise. Single known
     * names are reported by {@link #isSingleName}.
     */
    static double fullNameScore(String s) {
        if (s.length() > 60 || s.indexOf(' ') < 0 && s.indexOf(',') < 0) {
            return 0;
        }
        String first;
        String last;
        int parts = 0;
        String[] words = WORDS.split(s);
        String[] kept = new String[words.length];
        for (String w : words) {
            String t = w.endsWith(".") ? w.substring(0, w.length() - 1) : w;
            if (t.isEmpty()) {
                continue;
            }
            if (!isNameWord(t)) {
                return 0;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (t.length() == 1 || NAME_FILLERS.contains(lower)) {
                continue; // an initial, a title, a particle
            }
            if (parts == kept.length) {
                return 0;
            }
            kept[parts++] = lower;
        }
        if (parts < 2 || parts > 3) {
            return 0;
        }
        if (s.indexOf(',') > 0) { // "Last, First"
            first = kept[1];
            last = kept[0];
        } else {
            first = kept[0];
            last = kept[parts - 1];
        }
        boolean f = Lexicon.FIRST_NAMES.contains(first);
        boolean l = Lexicon.LAST_NAMES.contains(last) || Lexicon.LAST_NAMES.contains(lastOfHyphenated(last));
        if (f && l) {
            return 1;
        }
        return f || l ? 0.5 : 0;
    }

    /** Whether {@code s} is one word that is a known first name or surname. */
    static boolean isSingleName(String s) {
        if (s.length() < 2 || s.length() > 20 || !isNameWord(s)) {
            return false;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return Lexicon.FIRST_NAMES.contains(lower) || Lexicon.LAST_NAMES.contains(lower);
    }

    private static String lastOfHyphenated(String w) {
        int dash = w.lastIndexOf('-');
        return dash < 0 ? w : w.substring(dash + 1);
    }

    /** Letters (any script), apostrophes and hyphens, starting with an upper-case letter or all lower-case. */
    private static boolean isNameWord(String w) {
        if (!Character.isLetter(w.charAt(0))) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(Character.isLetter(c) || c == '\'' || c == '-' || c == '’')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!PiiValidators.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return PiiValidators.digits(s, from, to);
    }
}
