package io.lakehub.schedules.pipeline;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations the way Spring Boot reads them from YAML: {@code 500ms}, {@code 2s}, {@code 5m},
 * {@code 1h}, {@code 1d}, a bare number of milliseconds, or ISO-8601 ({@code PT2S}). Written here
 * rather than pulled from Spring Boot so the schedules module stays free of Spring.
 */
final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,18})\\s*(ns|us|ms|s|m|h|d)?");

    private Durations() {}

    /** The duration, or null when the text is none of the accepted forms. */
    static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new IllegalStateException("unit " + unit);
            };
        }
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
