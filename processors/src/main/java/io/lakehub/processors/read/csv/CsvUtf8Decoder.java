package io.lakehub.processors.read.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 to UTF-16 decoding for {@link CsvSource}, faster than the JDK decoder on text that
 * mixes ASCII with some non-ASCII characters (names, cities): the JDK's array loop handles each
 * byte on its own once it met the first non-ASCII one, this finds ASCII runs eight bytes at a time
 * and widens each run in bulk.
 *
 * <p>Validation is that of the Unicode standard (table 3-7): no overlong forms, no surrogates, no
 * code point above U+10FFFF, no truncated sequence at the end of input.
 */
final class CsvUtf8Decoder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Input position after the last call. */
    int sp;
    /** Output position after the last call. */
    int dp;

    /** Decoding stopped here because the bytes are not UTF-8 (valid only when a call returned ERROR). */
    static final int ERROR = -1;
    /** Output is full. */
    static final int OUTPUT_FULL = 1;
    /** Input is used up (possibly but for an incomplete sequence at its end). */
    static final int NEED_INPUT = 0;

    /**
     * Decodes {@code src[sp, sl)} into {@code dst[dp, dl)}, updating {@link #sp} and {@link #dp}.
     *
     * @param endOfInput whether no bytes follow {@code sl}: an incomplete sequence is then an error
     * @return {@link #NEED_INPUT}, {@link #OUTPUT_FULL} or {@link #ERROR} (at {@link #sp})
     */
    int decode(byte[] src, int sp, int sl, char[] dst, int dp, int dl, boolean endOfInput) {
        try {
            while (sp < sl) {
                if (dp >= dl) {
                    return OUTPUT_FULL;
                }
                int run = asciiRun(src, sp, Math.min(sl - sp, dl - dp));
                if (run > 0) {
                    widen(src, sp, dst, dp, run);
                    sp += run;
                    dp += run;
                    continue;
                }
                int b1 = src[sp];
                if (b1 >= 0) {
                    dst[dp++] = (char) b1;
                    sp++;
                    continue;
                }
                int lead = b1 & 0xFF;
                int need = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
                if (need == 0) {
                    return ERROR;
                }
                if (sl - sp < need) {
                    // Incomplete sequence at the end of this input: either more comes, or it is broken.
                    if (!endOfInput && prefixValid(src, sp, sl, lead)) {
                        return NEED_INPUT;
                    }
                    return ERROR;
                }
                if (need == 2) {
                    int b2 = src[sp + 1];
                    if (!cont(b2)) {
                        return ERROR;
                    }
                    dst[dp++] = (char) (((lead & 0x1F) << 6) | (b2 & 0x3F));
                    sp += 2;
                } else if (need == 3) {
                    int b2 = src[sp + 1] & 0xFF;
                    int b3 = src[sp + 2];
                    if (!secondOfThree(lead, b2) || !cont(b3)) {
                        return ERROR;
                    }
                    dst[dp++] = (char) (((lead & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F));
                    sp += 3;
                } else {
                    if (dl - dp < 2) {
                        return OUTPUT_FULL;
                    }
                    int b2 = src[sp + 1] & 0xFF;
                    int b3 = src[sp + 2];
                    int b4 = src[sp + 3];
                    if (!secondOfFour(lead, b2) || !cont(b3) || !cont(b4)) {
                        return ERROR;
                    }
                    int cp = ((lead & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((b3 & 0x3F) << 6) | (b4 & 0x3F);
                    dst[dp++] = Character.highSurrogate(cp);
                    dst[dp++] = Character.lowSurrogate(cp);
                    sp += 4;
                }
            }
            return NEED_INPUT;
        } finally {
            this.sp = sp;
            this.dp = dp;
        }
    }

    /**
     * Checks {@code src[sp, sl)} without decoding it.
     *
     * @param endOfInput whether no bytes follow {@code sl}: an incomplete sequence is then an error
     * @return the end of the valid prefix: {@code sl}, or the start of an incomplete sequence at the
     *     end (more input may complete it), or the offset of invalid bytes, in which case {@link
     *     #invalid} is set
     */
    int validate(byte[] src, int sp, int sl, boolean endOfInput) {
        invalid = false;
        while (sp < sl) {
            sp += asciiRun(src, sp, sl - sp);
            if (sp >= sl) {
                break;
            }
            int lead = src[sp] & 0xFF;
            int need = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0;
            if (need == 0) {
                invalid = true;
                return sp;
            }
            if (sl - sp < need) {
                if (!endOfInput && prefixValid(src, sp, sl, lead)) {
                    return sp;
                }
                invalid = true;
                return sp;
            }
            boolean ok = need == 2
                    ? cont(src[sp + 1])
                    : need == 3
                            ? secondOfThree(lead, src[sp + 1] & 0xFF) && cont(src[sp + 2])
                            : secondOfFour(lead, src[sp + 1] & 0xFF) && cont(src[sp + 2]) && cont(src[sp + 3]);
            if (!ok) {
                invalid = true;
                return sp;
            }
            sp += need;
        }
        return sl;
    }

    /** Set by {@link #validate} when it stopped at invalid bytes. */
    boolean invalid;

    /** Leading ASCII bytes among the next {@code max}, found 32, then eight at a time. */
    private static int asciiRun(byte[] src, int from, int max) {
        int i = 0;
        while (i + 32 <= max) {
            int p = from + i;
            long any = (long) LONGS.get(src, p)
                    | (long) LONGS.get(src, p + 8)
                    | (long) LONGS.get(src, p + 16)
                    | (long) LONGS.get(src, p + 24);
            if ((any & HIGH_BITS) != 0) {
                break;
            }
            i += 32;
        }
        while (i + 8 <= max && ((long) LONGS.get(src, from + i) & HIGH_BITS) == 0) {
            i += 8;
        }
        while (i < max && src[from + i] >= 0) {
            i++;
        }
        return i;
    }

    /** Runs at least this long are widened through the JDK's intrinsics, shorter ones by a loop. */
    private static final int INTRINSIC_RUN = 256;

    /**
     * ASCII bytes to chars. C2 does not vectorise the plain loop (measured ~1.3 GB/s); a Latin-1
     * string's {@code getChars} runs on the JDK's array-copy and inflate intrinsics (3 to 4.5 GB/s
     * on runs of a few hundred bytes), which outweighs the short-lived string it allocates.
     */
    private static void widen(byte[] src, int sp, char[] dst, int dp, int n) {
        if (n >= INTRINSIC_RUN) {
            new String(src, sp, n, StandardCharsets.ISO_8859_1).getChars(0, n, dst, dp);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[dp + i] = (char) src[sp + i];
        }
    }

    private static boolean cont(int b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean secondOfThree(int lead, int b2) {
        if (lead == 0xE0) {
            return b2 >= 0xA0 && b2 <= 0xBF;
        }
        if (lead == 0xED) {
            return b2 >= 0x80 && b2 <= 0x9F;
        }
        return (b2 & 0xC0) == 0x80;
    }

    private static boolean secondOfFour(int lead, int b2) {
        if (lead == 0xF0) {
            return b2 >= 0x90 && b2 <= 0xBF;
        }
        if (lead == 0xF4) {
            return b2 >= 0x80 && b2 <= 0x8F;
        }
        return (b2 & 0xC0) == 0x80;
    }

    /** Whether {@code src[sp, sl)} could be the start of a valid sequence led by {@code lead}. */
    private static boolean prefixValid(byte[] src, int sp, int sl, int lead) {
        if (sl - sp >= 2) {
            int b2 = src[sp + 1] & 0xFF;
            boolean ok = lead < 0xE0 ? cont(b2) : lead < 0xF0 ? secondOfThree(lead, b2) : secondOfFour(lead, b2);
            if (!ok) {
                return false;
            }
        }
        return sl - sp < 3 || cont(src[sp + 2]);
    }
}
