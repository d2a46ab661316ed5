package io.lakehub.vector.testing;

import io.lakehub.vector.index.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded rows of random sentences over a fixed vocabulary (same seed, same rows). */
public final class SyntheticRows {

    private static final String[] WORDS = {
        "river", "mountain", "ledger", "invoice", "harbor", "engine", "copper", "violet", "meadow", "signal",
        "orbit", "candle", "pepper", "glacier", "tunnel", "falcon", "marble", "cedar", "lantern", "beacon",
        "quartz", "saddle", "thunder", "velvet", "walnut", "yarrow", "zephyr", "anchor", "bramble", "cobalt",
        "dune", "ember", "fjord", "garnet", "hollow", "iris", "juniper", "kelp", "lagoon", "mosaic"
    };

    private SyntheticRows() {}

    /** {@code n} rows keyed {@code row-0 … row-(n-1)}, each one to three sentences. */
    public static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Row("row-" + i, text(random)));
        }
        return rows;
    }

    /** A random text of one to three sentences. */
    public static String text(Random random) {
        StringBuilder sb = new StringBuilder();
        int sentences = 1 + random.nextInt(3);
        for (int s = 0; s < sentences; s++) {
            int words = 4 + random.nextInt(8);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                sb.append(w == words - 1 ? ". " : " ");
            }
        }
        return sb.toString().strip();
    }
}
