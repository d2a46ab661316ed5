package io.lakehub.schedules.pipeline;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for misspelt keys. Keys match the way Spring Boot binds them: case, dashes and
 * underscores do not matter ({@code onError}, {@code on-error}, {@code on_error}). Edit distance is
 * a dozen lines; not worth a library.
 */
final class KeySuggestions {

    private KeySuggestions() {}

    /** The form keys are compared in: lower case, without '-' and '_'. */
    static String canonical(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The known key closest to {@code key} if it is close enough to be a typo, else null. */
    static String closest(String key, Collection<String> known) {
        String k = canonical(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(k, canonical(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, k.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
