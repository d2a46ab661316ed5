package io.lakehub.vector.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker(new ChunkingParams(100, 30));

    @Test
    void emptyAndBlankTextsHaveNoChunks() {
        assertThat(chunker.chunk(null)).isEmpty();
        assertThat(chunker.chunk("")).isEmpty();
        assertThat(chunker.chunk("  \n\t ")).isEmpty();
    }

    @Test
    void shortTextIsOneChunkWithItsSha256() {
        List<Chunk> chunks = chunker.chunk("  One sentence only.  ");
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).text()).isEqualTo("One sentence only.");
        assertThat(chunks.get(0).hash().hex())
                .isEqualTo(ContentHash.of("One sentence only.").hex())
                .hasSize(64);
    }

    @Test
    void chunksFollowSentencesStayUnderTheSizeAndOverlap() {
        String text = "The first sentence is here. The second one follows it. A third sentence ends the paragraph. "
                + "Then a fourth. And a fifth sentence that is a little longer than the others were.";
        List<Chunk> chunks = new Chunker(new ChunkingParams(100, 40)).chunk(text);
        assertThat(chunks).hasSizeGreaterThan(1);
        for (Chunk c : chunks) {
            assertThat(c.text().length()).isLessThanOrEqualTo(100);
            assertThat(c.text()).endsWith(".");
        }
        // Overlap: the second chunk starts with the last sentence of the first.
        String first = chunks.get(0).text();
        String lastSentenceOfFirst = first.substring(first.lastIndexOf(". ") + 2);
        assertThat(chunks.get(1).text()).startsWith(lastSentenceOfFirst);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).index()).isEqualTo(i);
        }
    }

    @Test
    void isDeterministic() {
        String text = longText(new Random(7), 5_000);
        assertThat(chunker.chunk(text)).isEqualTo(chunker.chunk(text));
    }

    @Test
    void hundredKilobyteTextIsCutIntoBoundedChunks() {
        String text = longText(new Random(42), 100_000);
        List<Chunk> chunks = new Chunker(ChunkingParams.DEFAULT).chunk(text);
        assertThat(chunks.size()).isBetween(100_000 / 480, 100_000 / 300);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isBetween(1, 480));
    }

    @Test
    void scriptsWithoutSpacesAreCutHardWithoutSplittingSurrogatePairs() {
        String japanese = "吾輩は猫である。名前はまだ無い。".repeat(20);
        List<Chunk> chunks = chunker.chunk(japanese);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(100));
        assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).contains("吾輩は猫である");

        String emoji = "😀".repeat(300); // 600 UTF-16 units, no spaces, no sentence ends
        List<Chunk> emojiChunks = chunker.chunk(emoji);
        assertThat(emojiChunks).allSatisfy(c -> {
            assertThat(Character.isLowSurrogate(c.text().charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(c.text().charAt(c.text().length() - 1)))
                    .isFalse();
        });
        assertThat(String.join("", emojiChunks.stream().map(Chunk::text).toList()))
                .isEqualTo(emoji);
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> new ChunkingParams(10, 0)).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new ChunkingParams(100, 100)).hasMessageContaining("overlap");
    }

    static String longText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int words = 3 + random.nextInt(25);
            for (int i = 0; i < words; i++) {
                sb.append((char) ('a' + random.nextInt(26)))
                        .append("word")
                        .append(random.nextInt(100))
                        .append(' ');
            }
            sb.setLength(sb.length() - 1);
            sb.append(". ");
        }
        return sb.substring(0, length);
    }
}
