package io.lakehub.vector.search;

import io.github.jbellis.jvector.util.Bits;
import io.lakehub.vector.index.IndexSnapshot;
import io.lakehub.vector.index.ScoredOrdinal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Okapi BM25 (k1 = 1.2, b = 0.75) over the chunk texts of one snapshot, in memory. Terms are lower-cased runs of
 * letters and digits; each Han, Hiragana, Katakana or Hangul character is a term of its own (those scripts do not
 * separate words with spaces). Built once per snapshot (see {@link #of(IndexSnapshot)}), then read-only and
 * thread-safe.
 */
public final class Bm25 {

    private static final float K1 = 1.2f;
    private static final float B = 0.75f;
    private static final Object MEMO_KEY = new Object();

    private final Map<String, int[]> postings; // term → [ordinal, tf, ordinal, tf, …]
    private final int[] lengths;
    private final float averageLength;

    private Bm25(Map<String, int[]> postings, int[] lengths) {
        this.postings = postings;
        this.lengths = lengths;
        long total = 0;
        for (int l : lengths) {
            total += l;
        }
        this.averageLength = lengths.length == 0 ? 1 : Math.max(1f, (float) total / lengths.length);
    }

    /** The BM25 index of the snapshot's chunk texts, built on first use and kept with the snapshot. */
    public static Bm25 of(IndexSnapshot snapshot) {
        return snapshot.memo(MEMO_KEY, s -> {
            String[] texts = new String[s.size()];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = s.text(i);
            }
            return build(texts);
        });
    }

    /** Indexes texts (ordinal = position). */
    public static Bm25 build(String[] texts) {
        Map<String, IntList> lists = new HashMap<>();
        int[] lengths = new int[texts.length];
        for (int doc = 0; doc < texts.length; doc++) {
            List<String> terms = terms(texts[doc]);
            lengths[doc] = terms.size();
            Map<String, Integer> tf = new HashMap<>();
            for (String t : terms) {
                tf.merge(t, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                IntList list = lists.computeIfAbsent(e.getKey(), k -> new IntList());
                list.add(doc);
                list.add(e.getValue());
            }
        }
        Map<String, int[]> postings = HashMap.newHashMap(lists.size());
        lists.forEach((term, list) -> postings.put(term, list.toArray()));
        return new Bm25(postings, lengths);
    }

    /** The {@code n} best accepted ordinals for the query's terms, best first; none if no term occurs. */
    public List<ScoredOrdinal> search(String query, int n, Bits accept) {
        Map<Integer, Float> scores = new HashMap<>();
        int docs = lengths.length;
        for (String term : new LinkedHashSet<>(terms(query))) {
            int[] p = postings.get(term);
            if (p == null) {
                continue;
            }
            int df = p.length / 2;
            float idf = (float) Math.log(1 + (docs - df + 0.5) / (df + 0.5));
            for (int i = 0; i < p.length; i += 2) {
                int doc = p[i];
                if (!accept.get(doc)) {
                    continue;
                }
                float tf = p[i + 1];
                float norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[doc] / averageLength));
                scores.merge(doc, idf * norm, Float::sum);
            }
        }
        PriorityQueue<ScoredOrdinal> heap = new PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()));
        for (Map.Entry<Integer, Float> e : scores.entrySet()) {
            heap.add(new ScoredOrdinal(e.getKey(), e.getValue()));
            if (heap.size() > n) {
                heap.poll();
            }
        }
        ScoredOrdinal[] out = heap.toArray(new ScoredOrdinal[0]);
        Arrays.sort(
                out,
                (a, b) -> a.score() != b.score()
                        ? Float.compare(b.score(), a.score())
                        : Integer.compare(a.ordinal(), b.ordinal()));
        return List.of(out);
    }

    /** The terms of a text, in order. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isIdeographic(cp)) {
                out.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                int start = i;
                while (i < n) {
                    int c = text.codePointAt(i);
                    if (!Character.isLetterOrDigit(c) || isIdeographic(c)) {
                        break;
                    }
                    i += Character.charCount(c);
                }
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    private static boolean isIdeographic(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
