package io.lakehub.processors.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The word lists bundled with the scan: given names, surnames, health terms (lower case). */
final class Lexicon {
    static final Set<String> FIRST_NAMES = load("first-names.txt");
    static final Set<String> LAST_NAMES = load("last-names.txt");
    static final Set<String> HEALTH_TERMS = load("health-terms.txt");

    private Lexicon() {}

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The PII scan's word list " + resource
                        + " is missing from the lakehub-processors jar; the jar is damaged");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                for (String w : line.trim().split("\\s+")) {
                    if (!w.isEmpty()) {
                        words.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the PII scan's word list " + resource, e);
        }
        return Set.copyOf(words);
    }
}
