package io.lakehub.processors.read.csv;

import java.io.Reader;

/**
 * Leaves out comments that start mid-line, the way DuckDB reads a file whose comment character it
 * detected: outside quotes, a comment character and the rest of its line are dropped, with the
 * spaces and tabs before it ({@code 1;3  #note} reads as {@code 1;3}). A comment at the start of a
 * line (after blanks only) is passed on without its indentation, so the parser skips and counts it
 * as a comment line. Line breaks are kept, so line numbers stay those of the file. Used only for
 * files detected with mid-line or indented comments ({@link CsvDialect#midLineComments()}), so it
 * costs nothing on other files.
 */
final class CsvCommentStripper extends CsvCharRewriter {
    private final char comment;
    private final char delimiter;
    private final char quote;
    private final char escape;

    /** Spaces and tabs outside quotes not yet passed on: dropped when a comment follows. */
    private final StringBuilder blanks = new StringBuilder();

    private boolean inQuotes;
    private boolean escapeNext;
    private boolean justClosed;
    private boolean fieldStart = true;
    private boolean lineStart = true;
    /** Inside a comment that runs to the end of the line: {@code 1} dropped, {@code 2} passed on. */
    private int inComment;

    CsvCommentStripper(Reader in, char comment, char delimiter, char quote, char escape) {
        super(in);
        this.comment = comment;
        this.delimiter = delimiter;
        this.quote = quote;
        this.escape = escape;
    }

    @Override
    protected void endOfInput() {
        flushBlanks();
    }

    @Override
    protected void step(char c) {
        boolean lineBreak = c == '\n' || c == '\r';
        if (inComment != 0) {
            if (!lineBreak) {
                if (inComment == 2) {
                    out.append(c);
                }
                return;
            }
            inComment = 0; // the line break itself is kept
        }
        if (inQuotes) {
            out.append(c);
            if (escapeNext) {
                escapeNext = false;
            } else if (c == escape && escape != quote) {
                escapeNext = true;
            } else if (c == quote) {
                inQuotes = false;
                justClosed = true;
            }
            return;
        }
        if (c == quote && justClosed) {
            out.append(c); // a doubled quote inside a quoted field
            inQuotes = true;
            justClosed = false;
            return;
        }
        justClosed = false;
        if (c == ' ' || c == '\t') {
            blanks.append(c);
            return;
        }
        if (c == comment) {
            blanks.setLength(0);
            inComment = lineStart ? 2 : 1;
            if (lineStart) {
                out.append(c);
            }
            return;
        }
        flushBlanks();
        out.append(c);
        if (lineBreak) {
            lineStart = true;
            fieldStart = true;
            return;
        }
        lineStart = false;
        if (c == quote && fieldStart) {
            inQuotes = true;
        }
        fieldStart = c == delimiter;
    }

    private void flushBlanks() {
        if (!blanks.isEmpty()) {
            out.append(blanks);
            blanks.setLength(0);
            lineStart = false;
        }
    }
}
