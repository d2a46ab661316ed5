package io.lakehub.processors.read;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The charset of a text source (CSV, plain text) that has no BOM, names no charset and is not
 * valid UTF-8: UTF-16 by its zero bytes, else ICU4J's {@link CharsetDetector}, refused when the
 * detector is not confident. Callers record the result as the {@code charset} fact.
 */
public final class CharsetDetection {
    /** Lowest ICU confidence (0..100) at which a detected charset is used rather than refused. */
    public static final int MIN_CONFIDENCE = 20;

    private static final Set<String> LATIN = Set.of("ISO-8859-2", "ISO-8859-9", "windows-1250", "windows-1254");

    private CharsetDetection() {}

    /**
     * The charset of bytes known not to be UTF-8 (and without a BOM).
     *
     * @param sample the start of the source
     * @param fileName the source as messages name it
     * @throws ReadFailedException when no charset is detected with confidence
     */
    public static Charset detect(byte[] sample, String fileName) {
        Charset utf16 = utf16WithoutBom(sample);
        return utf16 != null ? utf16 : icu(sample, fileName);
    }

    /**
     * UTF-16 without a BOM: text whose characters are mostly ASCII has a zero in every other byte.
     * Returns {@code null} unless at least 40% of the even (big-endian) or odd (little-endian) bytes
     * are zero and almost none of the others.
     */
    static Charset utf16WithoutBom(byte[] head) {
        int pairs = head.length / 2;
        if (pairs < 2) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i + 1 < head.length; i += 2) {
            if (head[i] == 0) {
                evenZeros++;
            }
            if (head[i + 1] == 0) {
                oddZeros++;
            }
        }
        if (evenZeros * 10 >= pairs * 4 && oddZeros * 100 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddZeros * 10 >= pairs * 4 && evenZeros * 100 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /**
     * ICU's best guess among the charsets Java can decode; refused when its confidence is below
     * {@value #MIN_CONFIDENCE}. Single-byte Latin guesses lean to Western European: when
     * ICU ranks another Latin charset (ISO-8859-2, -9, windows-1250, -1254) first but also finds
     * ISO-8859-1 or windows-1252 at half its confidence or more, the Western one is taken. ICU
     * tells these apart by letter frequencies, which a few accented words in a CSV file barely
     * show, and CSV files that are not UTF-8 are mostly exports from Western Windows machines.
     */
    static Charset icu(byte[] head, String fileName) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(head);
        CharsetMatch[] matches = detector.detectAll();
        CharsetMatch top = null;
        CharsetMatch western = null;
        for (CharsetMatch match : matches == null ? new CharsetMatch[0] : matches) {
            String name = match.getName();
            if ("UTF-8".equalsIgnoreCase(name) || !supported(name)) {
                continue; // the bytes are known not to be UTF-8; Java must decode the rest
            }
            if (top == null) {
                top = match;
            }
            if (western == null && ("ISO-8859-1".equalsIgnoreCase(name) || "windows-1252".equalsIgnoreCase(name))) {
                western = match;
            }
        }
        if (top == null || top.getConfidence() < MIN_CONFIDENCE) {
            throw new ReadFailedException(
                    fileName + ": the file is not valid UTF-8 and its charset could not be detected with confidence;"
                            + " nothing was written. Give the file's charset (e.g. --charset windows-1252 on the"
                            + " command line, or charset in the pipeline or request)",
                    0,
                    null);
        }
        CharsetMatch chosen = top;
        if (western != null
                && western != top
                && LATIN.contains(top.getName())
                && western.getConfidence() * 2 >= top.getConfidence()) {
            chosen = western;
        }
        return Charset.forName(chosen.getName());
    }

    private static boolean supported(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false; // ICU names a charset Java does not know
        }
    }
}
