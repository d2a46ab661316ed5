package io.lakehub.processors.read.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * A {@link Reader} that rewrites a CSV text one character at a time before the parser sees it
 * (comments dropped, blanks around quotes left out): the buffering written once. A rewriter
 * implements {@link #step(char)}, appending what it passes on to {@link #out}, and {@link
 * #endOfInput()} for what it still holds when the text ends. Used only for files whose sample needs
 * the rewrite, so clean files never pay for it.
 */
abstract class CsvCharRewriter extends Reader {
    private final Reader in;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int lim;
    private boolean eof;

    /** What the rewriter passes on, not yet read by the caller. */
    protected final StringBuilder out = new StringBuilder();

    private int outPos;

    CsvCharRewriter(Reader in) {
        this.in = in;
    }

    /** Takes the next character of the text; appends to {@link #out} what the parser should see. */
    protected abstract void step(char c);

    /** The text has ended: append what is still held back (may be called more than once). */
    protected abstract void endOfInput();

    @Override
    public final int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (out.length() - outPos < len && (pos < lim || !eof)) {
            if (pos >= lim) {
                fill();
                continue;
            }
            step(buf[pos++]);
        }
        if (eof && pos >= lim) {
            endOfInput();
        }
        int n = Math.min(len, out.length() - outPos);
        if (n == 0) {
            return -1;
        }
        out.getChars(outPos, outPos + n, cbuf, off);
        outPos += n;
        if (outPos == out.length()) {
            out.setLength(0);
            outPos = 0;
        }
        return n;
    }

    private void fill() throws IOException {
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            eof = true;
        } else {
            lim = n;
        }
    }

    @Override
    public final void close() throws IOException {
        in.close();
    }
}
