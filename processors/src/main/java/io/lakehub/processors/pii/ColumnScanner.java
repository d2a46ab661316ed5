package io.lakehub.processors.pii;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies one column from the values offered to it. Each offered value is checked at once and
 * only counters are kept (never the values), so memory does not depend on the sample. After {@link
 * ScanOptions#sampleSize()} non-null, non-blank values it ignores further offers ({@link #isFull()}),
 * so an offer then costs a comparison. Text is read up to {@link ScanOptions#maxCellChars()}
 * characters. Not thread-safe.
 *
 * <p>How {@link #classify()} decides (ADR 28, docs/pii.md): a type needs a share of the sampled
 * values that validate as it, 0.8 in general and 0.5 when the column name hints at the type (0.7 and
 * 0.5 for street addresses; person names, dates of birth, health and financial data have their own
 * rules). The name lowers the bar, never replaces the content: a column whose values do not
 * validate is not PII whatever its name. Free-text columns (cells of 20+ characters with blanks) are
 * also searched per cell for embedded e-mails, phones, cards, IBANs and SSNs.
 */
public final class ColumnScanner {
    /** Column types that cannot hold any of the {@link PiiType}s: never sampled. */
    private static final Set<LakeType> NEVER_PII =
            EnumSet.of(LakeType.BOOLEAN, LakeType.UUID, LakeType.TIME, LakeType.BINARY, LakeType.LIST);

    private static final Set<String> BOOLEANISH =
            Set.of("true", "false", "yes", "no", "y", "n", "t", "f", "0", "1", "on", "off");

    /** Types checked on whole values, in the order ties are broken. */
    private static final PiiType[] PRIORITY = {
        PiiType.CREDIT_CARD,
        PiiType.US_SSN,
        PiiType.IBAN,
        PiiType.EMAIL,
        PiiType.IP_ADDRESS,
        PiiType.PHONE,
        PiiType.DATE_OF_BIRTH,
        PiiType.STREET_ADDRESS,
        PiiType.PERSON_NAME,
        PiiType.HEALTH,
        PiiType.FINANCIAL
    };

    private static final int THIS_YEAR = LocalDate.now(ZoneOffset.UTC).getYear();

    private final String column;
    private final LakeType type;
    private final ScanOptions options;
    private final NameHints hints;
    private final boolean neverPii;

    private long sampled;
    private final long[] whole = new long[PiiType.values().length];
    private final long[] embedded = new long[PiiType.values().length];
    private double personScore;
    private long personAny;
    private long fullNames;
    private long healthTerms;
    private long textLike;
    private long booleanish;
    private long numeric;
    private long zeroOne;
    private long amounts;
    private long dates;
    private long birthYears;
    private long notMidnight;
    private int minYear = Integer.MAX_VALUE;
    private int maxYear = Integer.MIN_VALUE;
    private int firstHash;
    private boolean allSame = true;
    private final boolean[] midnight = new boolean[1];

    /**
     * A scanner of the column {@code column} of type {@code type}.
     *
     * @param type the column's type; some types cannot hold PII at all (boolean, uuid, time, binary,
     *     list) and numbers or dates can only hold some types
     */
    public ColumnScanner(String column, LakeType type, ScanOptions options) {
        this.column = Objects.requireNonNull(column, "column");
        this.type = Objects.requireNonNull(type, "type");
        this.options = Objects.requireNonNull(options, "options");
        this.hints = NameHints.of(column);
        this.neverPii = NEVER_PII.contains(type);
    }

    /** A scanner of the column {@code field}. */
    public ColumnScanner(LakeField field, ScanOptions options) {
        this(field.name(), field.type(), options);
    }

    /** The column name. */
    public String column() {
        return column;
    }

    /** The column type. */
    public LakeType type() {
        return type;
    }

    /** Whether the sample is complete (or the type cannot hold PII): further offers are ignored. */
    public boolean isFull() {
        return neverPii || sampled >= options.sampleSize();
    }

    /** Non-null, non-blank values examined so far. */
    public long sampled() {
        return sampled;
    }

    /**
     * Offers one value: a {@link CharSequence}, {@link Number}, {@link Boolean}, {@link LocalDate},
     * {@link LocalDateTime}, {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime} or {@code
     * byte[]} (UTF-8 text; invalid bytes are replaced). {@code null}, blank text and values of other
     * classes are not counted.
     */
    public void offer(Object value) {
        if (value == null || isFull()) {
            return;
        }
        switch (value) {
            case CharSequence text -> offerText(text);
            case Boolean b -> offerBoolean(b);
            case Long l -> offerLong(l);
            case Integer i -> offerLong(i);
            case Short s -> offerLong(s);
            case Byte b -> offerLong(b);
            case BigDecimal d -> offerDecimal(d);
            case Number n -> offerDouble(n.doubleValue());
            case LocalDate d -> offerDate(d);
            case LocalDateTime t -> offerDateTime(t);
            case Instant i -> offerDateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
            case OffsetDateTime t -> offerDateTime(t.toLocalDateTime());
            case ZonedDateTime t -> offerDateTime(t.toLocalDateTime());
            case byte[] bytes -> offerUtf8(bytes, 0, bytes.length);
            default -> {}
        }
    }

    /** Offers UTF-8 text: at most {@code 4 * maxCellChars} bytes are decoded, invalid bytes replaced. */
    public void offerUtf8(byte[] bytes, int offset, int length) {
        if (isFull()) {
            return;
        }
        int n = Math.min(length, 4 * options.maxCellChars());
        offerText(new String(bytes, offset, n, StandardCharsets.UTF_8));
    }

    /** Offers a text value; only its first {@link ScanOptions#maxCellChars()} characters are read. */
    public void offerText(CharSequence text) {
        if (text == null || isFull()) {
            return;
        }
        CharSequence bounded =
                text.length() > options.maxCellChars() ? text.subSequence(0, options.maxCellChars()) : text;
        String s = bounded.toString().strip();
        if (s.isEmpty()) {
            return;
        }
        count(s.hashCode());
        if (s.length() <= 120) {
            checkWhole(s);
        }
        if (type == LakeType.JSON || s.length() >= 20 && (blanks(s) >= 2 || s.charAt(0) == '{' || s.charAt(0) == '[')) {
            textLike++;
            for (PiiType t : PiiText.find(s, options.maxCellChars())) {
                embedded[t.ordinal()]++;
            }
        }
    }

    private void checkWhole(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (BOOLEANISH.contains(lower)) {
            booleanish++;
        }
        if (PiiValidators.isEmail(s)) {
            whole[PiiType.EMAIL.ordinal()]++;
            return; // an e-mail address is nothing else
        }
        if (PiiValidators.isCreditCard(s)) {
            whole[PiiType.CREDIT_CARD.ordinal()]++;
        }
        if (PiiValidators.isIban(s)) {
            whole[PiiType.IBAN.ordinal()]++;
        }
        if (PiiValidators.isUsSsn(s, hints.hints(PiiType.US_SSN))) {
            whole[PiiType.US_SSN.ordinal()]++;
        }
        if (PiiValidators.isIpAddress(s)) {
            whole[PiiType.IP_ADDRESS.ordinal()]++;
        }
        if (PiiValidators.isPhone(s, hints.hints(PiiType.PHONE))) {
            whole[PiiType.PHONE.ordinal()]++;
        }
        if (Character.isDigit(s.charAt(0)) && ContentChecks.isStreetAddress(s)) {
            whole[PiiType.STREET_ADDRESS.ordinal()]++;
        }
        if (ContentChecks.hasHealthTerm(lower)) {
            healthTerms++;
            whole[PiiType.HEALTH.ordinal()]++;
        } else if (ContentChecks.isIcd10(s, !hints.hints(PiiType.HEALTH))) {
            whole[PiiType.HEALTH.ordinal()]++;
        }
        if (ContentChecks.isAmount(s)) {
            amounts++;
        }
        int year = ContentChecks.dateYear(s, midnight);
        if (year > 0) {
            date(year, midnight[0]);
        }
        double full = ContentChecks.fullNameScore(s);
        if (full > 0) {
            personScore += full;
            personAny++;
            fullNames++;
        } else if (ContentChecks.isSingleName(s)) {
            personScore += 1;
            personAny++;
        }
    }

    /** Offers a whole number (int, bigint, decimal without fraction). */
    public void offerLong(long v) {
        if (isFull()) {
            return;
        }
        count(Long.hashCode(v));
        numeric++;
        amounts++;
        if (v == 0 || v == 1) {
            zeroOne++;
        }
        if (v >= 100_000_000_000L) { // 12+ digits: a card number stored as a number?
            if (PiiValidators.isCreditCard(Long.toString(v))) {
                whole[PiiType.CREDIT_CARD.ordinal()]++;
            }
        }
        if (hints.hints(PiiType.US_SSN) && v > 0 && PiiValidators.isUsSsn(v)) {
            whole[PiiType.US_SSN.ordinal()]++;
        }
        if (hints.hints(PiiType.PHONE) && v >= 1_000_000_000L && PiiValidators.isPhone(Long.toString(v), true)) {
            whole[PiiType.PHONE.ordinal()]++;
        }
    }

    /** Offers a number with a fraction (double, decimal). */
    public void offerDouble(double v) {
        if (isFull() || Double.isNaN(v)) {
            return;
        }
        count(Double.hashCode(v));
        numeric++;
        amounts++;
        if (v == 0 || v == 1) {
            zeroOne++;
        }
    }

    /** Offers a decimal: a whole one as {@link #offerLong}, else as {@link #offerDouble}. */
    public void offerDecimal(BigDecimal v) {
        if (v == null || isFull()) {
            return;
        }
        if (v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0) {
            try {
                offerLong(v.longValueExact());
                return;
            } catch (ArithmeticException e) {
                // more than 64 bits: not a card, phone or SSN; counted as an amount below
            }
        }
        offerDouble(v.doubleValue());
    }

    /** Offers a boolean (never PII: counted only). */
    public void offerBoolean(boolean v) {
        if (isFull()) {
            return;
        }
        count(v ? 1 : 0);
        booleanish++;
    }

    /** Offers a date. */
    public void offerDate(LocalDate d) {
        if (d == null || isFull()) {
            return;
        }
        count(d.hashCode());
        date(d.getYear(), true);
    }

    /** Offers a date and time of day (a timestamp read in UTC or as wall clock time). */
    public void offerDateTime(LocalDateTime t) {
        if (t == null || isFull()) {
            return;
        }
        count(t.hashCode());
        date(t.getYear(), t.toLocalTime().toNanoOfDay() == 0);
    }

    private void date(int year, boolean atMidnight) {
        dates++;
        if (year >= THIS_YEAR - 110 && year <= THIS_YEAR) {
            birthYears++;
        }
        if (!atMidnight) {
            notMidnight++;
        }
        minYear = Math.min(minYear, year);
        maxYear = Math.max(maxYear, year);
    }

    private void count(int hash) {
        if (sampled == 0) {
            firstHash = hash;
        } else if (hash != firstHash) {
            allSame = false;
        }
        sampled++;
    }

    private static int blanks(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && n < 2; i++) {
            if (s.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    /** The classification of the values offered so far. */
    public ColumnClassification classify() {
        if (neverPii) {
            return new ColumnClassification(column, null, 1, 0, 0);
        }
        if (sampled == 0) {
            return new ColumnClassification(column, null, 0, 0, 0);
        }
        if (booleanish >= 0.9 * sampled) {
            return new ColumnClassification(column, null, 0.99, sampled, 0);
        }
        Candidate best = null;
        for (PiiType t : PRIORITY) {
            Candidate c = candidate(t);
            if (c != null && (best == null || c.score > best.score)) {
                best = c;
            }
        }
        if (best == null && (type == LakeType.JSON || textLike >= 0.3 * sampled)) {
            for (PiiType t : PRIORITY) {
                long m = embedded[t.ordinal()];
                if (m >= 2 && (best == null || m > best.matches)) {
                    best = new Candidate(t, m, 0, Math.min(0.95, 0.6 + 0.05 * m));
                }
            }
        }
        if (best != null) {
            double confidence = best.confidence;
            if (allSame && sampled >= 10) {
                confidence *= 0.8; // one repeated value: a placeholder as likely as personal data
            }
            return new ColumnClassification(
                    column, best.type, round(Math.min(0.99, confidence)), sampled, best.matches);
        }
        // Not PII: the more values sampled and the fewer matched any type, the surer.
        PiiType closest = null;
        long closestMatches = 0;
        for (PiiType t : PRIORITY) {
            long m = switch (t) {
                case PERSON_NAME -> personAny;
                // recent dates are birth-year plausible too: they count only where a birth date could be
                case DATE_OF_BIRTH -> hints.hints(t) || hints.meaningless ? birthYears : 0;
                default -> whole[t.ordinal()];
            };
            if (m > closestMatches) {
                closest = t;
                closestMatches = m;
            }
        }
        double ratio = (double) closestMatches / sampled;
        double confidence = (1 - ratio) * Math.min(1, 0.5 + sampled / 200.0);
        return new ColumnClassification(
                column, null, round(Math.min(0.99, confidence)), sampled, closest == null ? 0 : closestMatches);
    }

    private record Candidate(PiiType type, long matches, double score, double confidence) {}

    private Candidate candidate(PiiType t) {
        boolean hint = hints.hints(t);
        double bonus = hint ? 0.05 : 0;
        return switch (t) {
            case EMAIL, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, PHONE -> {
                long m = whole[t.ordinal()];
                double r = (double) m / sampled;
                yield r >= (hint ? 0.5 : 0.8) ? new Candidate(t, m, r + bonus, 0.55 + 0.4 * r + bonus) : null;
            }
            case STREET_ADDRESS -> {
                long m = whole[t.ordinal()];
                double r = (double) m / sampled;
                yield r >= (hint ? 0.5 : 0.7) ? new Candidate(t, m, r + bonus, 0.45 + 0.45 * r + bonus) : null;
            }
            case PERSON_NAME -> {
                double r = personScore / sampled;
                boolean yes = hint && r >= 0.4
                        || !hints.notPerson && r >= 0.6 && fullNames >= 0.5 * personAny
                        || hints.meaningless && r >= 0.8
                        || r >= 0.9;
                yield yes ? new Candidate(t, personAny, r + bonus - 0.01, 0.4 + 0.5 * r + bonus) : null;
            }
            case DATE_OF_BIRTH -> {
                double r = (double) birthYears / sampled;
                if (hint && r >= 0.8) {
                    yield new Candidate(t, birthYears, r + bonus, 0.6 + 0.35 * r);
                }
                boolean spread = maxYear <= THIS_YEAR - 12 && maxYear - minYear >= 15 && notMidnight == 0;
                yield hints.meaningless && r >= 0.95 && spread && sampled >= 20
                        ? new Candidate(t, birthYears, r - 0.1, 0.55)
                        : null;
            }
            case HEALTH -> {
                long m = whole[t.ordinal()];
                double r = (double) m / sampled;
                // without a name: medical terms, or ICD-10 codes only under a meaningless name (V12.1 is
                // also a version number)
                boolean yes = hint ? r >= 0.5 : healthTerms >= 0.8 * sampled || hints.meaningless && r >= 0.8;
                yield yes ? new Candidate(t, m, r + bonus - 0.02, 0.45 + 0.45 * r + bonus) : null;
            }
            case FINANCIAL -> {
                double r = (double) amounts / sampled;
                boolean flags = numeric > 0 && zeroOne == numeric;
                yield hint && r >= 0.8 && !flags ? new Candidate(t, amounts, r - 0.03, 0.55 + 0.35 * r) : null;
            }
        };
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
