package io.lakehub.vector.chunk;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into sentence-aligned chunks of at most {@link ChunkingParams#maxChars()} characters, consecutive chunks
 * sharing up to {@link ChunkingParams#overlapChars()} characters of whole sentences. Sentences come from
 * {@link BreakIterator#getSentenceInstance(Locale)} with {@link Locale#ROOT} (so the result does not depend on the
 * machine's locale); a sentence longer than a chunk is cut at the last white space that fits, or hard if there is
 * none (scripts without spaces). The same text and parameters always give the same chunks. Thread-safe.
 */
public final class Chunker {

    private final ChunkingParams params;

    public Chunker(ChunkingParams params) {
        this.params = params;
    }

    public ChunkingParams params() {
        return params;
    }

    /** The chunks of {@code text}; none for {@code null}, empty or blank text. */
    public List<Chunk> chunk(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<int[]> pieces = pieces(text);
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            int j = i;
            int start = pieces.get(i)[0];
            while (j < pieces.size() && pieces.get(j)[1] - start <= params.maxChars()) {
                j++;
            }
            if (j == i) {
                j = i + 1; // cannot happen (pieces are ≤ maxChars), kept for safety
            }
            String chunkText = text.substring(start, pieces.get(j - 1)[1]).strip();
            if (!chunkText.isEmpty()) {
                chunks.add(new Chunk(chunks.size(), chunkText, ContentHash.of(chunkText)));
            }
            if (j >= pieces.size()) {
                break;
            }
            // The next chunk repeats the trailing whole pieces of this one that fit in the overlap.
            int next = j;
            int end = pieces.get(j - 1)[1];
            while (next - 1 > i && end - pieces.get(next - 1)[0] <= params.overlapChars()) {
                next--;
            }
            i = next;
        }
        return chunks;
    }

    /** Sentence spans, each at most maxChars long (long sentences cut at white space). */
    private List<int[]> pieces(String text) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        List<int[]> out = new ArrayList<>();
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            int s = start;
            while (end - s > params.maxChars()) {
                int cut = s + params.maxChars();
                int space = cut;
                while (space > s + params.maxChars() / 2 && !Character.isWhitespace(text.charAt(space - 1))) {
                    space--;
                }
                if (space > s + params.maxChars() / 2) {
                    cut = space;
                } else if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                    cut--;
                }
                out.add(new int[] {s, cut});
                s = cut;
            }
            if (end > s) {
                out.add(new int[] {s, end});
            }
        }
        return out;
    }
}
