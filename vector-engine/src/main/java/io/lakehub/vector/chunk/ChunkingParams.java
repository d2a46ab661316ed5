package io.lakehub.vector.chunk;

/**
 * How texts are cut, in characters (UTF-16 code units, never splitting a surrogate pair).
 *
 * @param maxChars the longest chunk; a longer sentence is cut at white space (or hard, if it has none)
 * @param overlapChars how many characters of whole sentences at the end of a chunk are repeated at the start of the
 *     next (0 for none); less than {@code maxChars}
 */
public record ChunkingParams(int maxChars, int overlapChars) {

    /** 480 characters, 80 of overlap: under the 128 word pieces the default model's tokenizer keeps. */
    public static final ChunkingParams DEFAULT = new ChunkingParams(480, 80);

    public ChunkingParams {
        if (maxChars < 16) {
            throw new IllegalArgumentException("chunk size must be at least 16 characters, got " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and the chunk size (" + maxChars
                    + ") exclusive, got " + overlapChars);
        }
    }

    /** A stable text form, part of the index signature. */
    public String canonical() {
        return "chars:" + maxChars + "/" + overlapChars + "/sentence";
    }
}
