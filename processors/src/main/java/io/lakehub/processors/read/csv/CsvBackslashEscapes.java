package io.lakehub.processors.read.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Rewrites backslash escapes inside quoted fields into RFC 4180's doubled quotes, so the CSV
 * parser (which knows only doubled quotes) reads a file whose quoted fields escape with a
 * backslash: {@code \"} becomes {@code ""} and {@code \\} becomes {@code \}. A backslash before
 * any other character, and every backslash outside quotes, is kept. Used only for files detected
 * (or configured) as backslash-escaped, so it costs nothing on other files.
 */
final class CsvBackslashEscapes extends Reader {
    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean inQuotes;
    private boolean fieldStart = true;
    /** The second char of a doubled quote that did not fit the caller's buffer, or 0. */
    private char pendingOut;

    CsvBackslashEscapes(Reader in, char delimiter, char quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int w = off;
        int end = off + len;
        if (pendingOut != 0) {
            cbuf[w++] = pendingOut;
            pendingOut = 0;
        }
        while (w < end) {
            if (lim - pos < 2 && !eof) {
                fill();
            }
            if (pos >= lim) {
                break;
            }
            char c = buf[pos];
            if (inQuotes) {
                if (c == '\\' && pos + 1 < lim && (buf[pos + 1] == quote || buf[pos + 1] == '\\')) {
                    if (buf[pos + 1] == '\\') {
                        cbuf[w++] = '\\';
                    } else {
                        w = doubledQuote(cbuf, w, end);
                    }
                    pos += 2;
                    continue;
                }
                if (c == quote) {
                    if (pos + 1 < lim && buf[pos + 1] == quote) {
                        w = doubledQuote(cbuf, w, end);
                        pos += 2;
                        continue;
                    }
                    inQuotes = false;
                }
                fieldStart = false;
            } else if (c == quote && fieldStart) {
                inQuotes = true;
                fieldStart = false;
            } else {
                fieldStart = c == delimiter || c == '\n' || c == '\r';
            }
            cbuf[w++] = c;
            pos++;
        }
        return w == off ? -1 : w - off;
    }

    private int doubledQuote(char[] cbuf, int w, int end) {
        cbuf[w++] = quote;
        if (w < end) {
            cbuf[w++] = quote;
        } else {
            pendingOut = quote;
        }
        return w;
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < buf.length) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return;
            }
            lim += n;
            if (lim - pos >= 2) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
