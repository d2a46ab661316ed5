package io.lakehub.processors.read.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of a reader after its first lines (title, junk or comment lines before a CSV
 * file's header), counted as CR, LF or CRLF line breaks. Used only when there are lines to skip;
 * the file's content hash is computed below it, over every byte.
 */
final class CsvLineSkipper extends Reader {
    private final Reader in;
    private long linesLeft;
    private boolean afterCr;

    CsvLineSkipper(Reader in, long lines) {
        this.in = in;
        this.linesLeft = lines;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        while (linesLeft > 0 || afterCr) {
            int n = in.read(cbuf, off, len);
            if (n < 0) {
                return -1;
            }
            int i = off;
            int end = off + n;
            while (i < end && (linesLeft > 0 || afterCr)) {
                char c = cbuf[i];
                if (afterCr) {
                    afterCr = false;
                    if (c == '\n') {
                        i++;
                    }
                    continue;
                }
                if (c == '\r') {
                    linesLeft--;
                    afterCr = true;
                } else if (c == '\n') {
                    linesLeft--;
                }
                i++;
            }
            if (i < end) {
                System.arraycopy(cbuf, i, cbuf, off, end - i);
                return end - i;
            }
        }
        return in.read(cbuf, off, len);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
