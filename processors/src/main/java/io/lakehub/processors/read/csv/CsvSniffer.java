package io.lakehub.processors.read.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Detects a CSV file's delimiter, quoting, escape, comment lines and the lines before its first
 * record from a decoded sample, the way DuckDB's sniffer does: every candidate dialect splits the
 * sample into records, and the one whose records most consistently have the same number (more than
 * one) of fields wins; records before the start of that consistent run are title or junk lines.
 * See ADR 0015 for the rules and their order.
 */
final class CsvSniffer {
    /** Records of the sample the candidates are compared over at most (DuckDB samples as many rows). */
    static final int SNIFF_RECORDS = 20_480;

    /** Records at the start that may be skipped as title or junk lines before the header. */
    static final int MAX_SKIPPED_RECORDS = 64;

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final char COMMENT = '#';

    /** The share of the records (from the start of the run) with the run's field count a delimiter needs. */
    private static final double MIN_CONSISTENCY = 0.75;

    private CsvSniffer() {}

    /** What the sniffer found. */
    record Result(
            char delimiter,
            char quote,
            char escape,
            char comment,
            long skipLines,
            long skippedComments,
            long skippedOther,
            boolean midLineComments,
            boolean paddedQuotes,
            boolean headerTrailingDelimiter) {}

    /**
     * @param sample the decoded start of the file (BOM removed)
     * @param truncated whether the file continues after the sample (its last record may be cut off)
     * @param delimiter the configured delimiter, or {@code null} to detect
     * @param quote the configured quote, or {@code null} to detect
     */
    static Result sniff(String text, boolean truncated, Character delimiter, Character quote) {
        char[] sample = text.toCharArray();
        char[] delimiters = delimiter != null ? new char[] {delimiter} : DELIMITERS;
        // The delimiter by RFC 4180 quoting (or the quote given), then the quoting for that delimiter
        // only: a sample is split 4 to 7 times, not once per delimiter and quoting.
        char q = quote != null ? quote : '"';
        Candidate best = null;
        for (char d : delimiters) {
            Candidate c = Candidate.of(sample, truncated, d, q, q);
            if (best == null || c.beats(best)) {
                best = c;
            }
        }
        if (best.splits()) {
            return bestQuoting(sample, truncated, best, quote).result();
        }
        // Nothing splits with RFC 4180 quoting (a one-column file, or another quoting hides the
        // delimiter): every delimiter with its best quoting.
        Candidate other = null;
        for (char d : delimiters) {
            Candidate c = bestQuoting(sample, truncated, Candidate.of(sample, truncated, d, q, q), quote);
            if (other == null || c.beats(other)) {
                other = c;
            }
        }
        if (!other.splits() && delimiter == null && other.delimiterSeen && !other.tableWithBadRows()) {
            // No delimiter splits the rows consistently, and none makes a table of them with some bad
            // rows either: the file is one column of whole lines (DuckDB's rule). Read with the first
            // candidate, its commas would make bad rows of the lines holding one; with no delimiter at
            // all, each line is one value.
            return Candidate.of(sample, truncated, CsvDialect.NO_DELIMITER, other.quote, other.escape)
                    .result();
        }
        return other.result();
    }

    /**
     * For the delimiter of {@code doubled} (the sample split with it, doubled quotes and the quote
     * given or {@code "}), the quoting that reads the sample (see ADR 0015 for the order).
     */
    private static Candidate bestQuoting(char[] sample, boolean truncated, Candidate doubled, Character quote) {
        char d = doubled.delimiter;
        if (quote != null) {
            if (doubled.errors > 0 && quote != '\\') {
                Candidate backslash = Candidate.of(sample, truncated, d, quote, '\\');
                if (backslash.errors < doubled.errors) {
                    return backslash;
                }
            }
            return doubled;
        }
        Candidate dq = doubled;
        if (dq.quotedFields > 0 && dq.acceptableErrors()) {
            if (dq.offRecords() > 0) {
                // Some records do not have the file's field count (or are skipped before it). When the
                // file without quoting is a consistent table from its first line, the "quoted fields"
                // were quote characters in unquoted values that happened to pair up across lines.
                Candidate none = Candidate.of(sample, truncated, d, CsvDialect.NO_QUOTE, CsvDialect.NO_QUOTE);
                if (none.splits() && none.offRecords() == 0 && !none.records.isEmpty()) {
                    return none;
                }
            }
            return dq;
        }
        if (dq.errors > 0) {
            Candidate bs = Candidate.of(sample, truncated, d, '"', '\\');
            if (bs.quotedFields > 0 && bs.acceptableErrors()) {
                return bs;
            }
        }
        Candidate sq = Candidate.of(sample, truncated, d, '\'', '\'');
        if (sq.quotedFields > 0 && sq.errors == 0) {
            return sq;
        }
        if (dq.errors == 0 && dq.strayQuotes == 0) {
            return dq; // no quote in the sample at all: RFC 4180 quoting, for quoted fields further on
        }
        return Candidate.of(sample, truncated, d, CsvDialect.NO_QUOTE, CsvDialect.NO_QUOTE);
    }

    /** One candidate dialect and how it splits the sample. */
    private static final class Candidate {
        final char delimiter;
        final char quote;
        final char escape;
        /** Quoted fields properly closed. */
        int quotedFields;
        /** Quote characters inside unquoted fields. */
        int strayQuotes;
        /** Quoted fields with blanks between them and the delimiter ({@code 1,  "a"  ,2}). */
        int paddedQuotes;
        /** Records with characters after a closing quote, or a quote never closed. */
        int errors;
        /** Whether the delimiter occurs outside quotes in the sample. */
        boolean delimiterSeen;

        // {startLine, fields, kind, fields before '#' or -1, 1 when the line ends with the delimiter}
        final List<long[]> records = new ArrayList<>();

        static final int DATA = 0;
        static final int BLANK = 1;
        static final int COMMENTISH = 2;

        // decided by evaluate()
        int columns = 1;
        int start;
        int consistent;
        int total;
        boolean comments;
        /** A comment line indented with spaces or tabs (the parser skips only lines starting with '#'). */
        boolean indentedComments;
        /**
         * Comments start mid-line too ({@code 1;3#note}): '#' outside quotes ends the record's data
         * on some line whose field count it changes, or comment lines are indented.
         */
        boolean midLineComments;

        private Candidate(char delimiter, char quote, char escape) {
            this.delimiter = delimiter;
            this.quote = quote;
            this.escape = escape;
        }

        static Candidate of(char[] sample, boolean truncated, char d, char q, char e) {
            Candidate c = new Candidate(d, q, e);
            c.split(sample, truncated);
            c.evaluate();
            return c;
        }

        /** Errors are rare next to properly quoted fields: bad rows, not a wrong dialect. */
        boolean acceptableErrors() {
            return errors == 0 || (long) quotedFields >= 20L * errors;
        }

        private void split(char[] s, boolean truncated) {
            int n = s.length;
            int i = 0;
            long line = 1;
            boolean quoting = quote != CsvDialect.NO_QUOTE;
            while (i < n && records.size() < SNIFF_RECORDS) {
                long startLine = line;
                char first = s[i];
                if (first == '\n' || first == '\r') {
                    i = skipBreak(s, i);
                    line++;
                    records.add(new long[] {startLine, 0, BLANK, -1, 0});
                    continue;
                }
                int fields = 1;
                int fieldsBeforeComment = -1;
                boolean leadingBlank = true;
                boolean indentedComment = false;
                boolean fieldStart = true;
                boolean error = false;
                boolean complete = false;
                boolean endsWithDelimiter = false;
                while (i < n) {
                    char c = s[i];
                    if (fieldStart && quoting && (c == ' ' || c == '\t')) {
                        int j = i;
                        while (j < n && (s[j] == ' ' || s[j] == '\t')) {
                            j++;
                        }
                        if (j < n && s[j] == quote) {
                            paddedQuotes++;
                            i = j;
                            c = quote;
                        }
                    }
                    if (fieldStart && quoting && c == quote) {
                        leadingBlank = false;
                        i++;
                        boolean closed = false;
                        while (i < n) {
                            char q = s[i];
                            if (q == escape && escape != quote && i + 1 < n) {
                                char next = s[i + 1];
                                if (next == quote || next == escape) {
                                    i += 2;
                                    continue;
                                }
                            }
                            if (q == quote) {
                                if (escape == quote && i + 1 < n && s[i + 1] == quote) {
                                    i += 2;
                                    continue;
                                }
                                i++;
                                closed = true;
                                break;
                            }
                            if (q == '\n' || (q == '\r' && (i + 1 >= n || s[i + 1] != '\n'))) {
                                line++;
                            }
                            i++;
                        }
                        if (!closed) {
                            if (truncated) {
                                return; // cut off by the end of the sample
                            }
                            error = true;
                            complete = true;
                            break;
                        }
                        quotedFields++;
                        fieldStart = false;
                        if (i < n && (s[i] == ' ' || s[i] == '\t')) {
                            int j = i;
                            while (j < n && (s[j] == ' ' || s[j] == '\t')) {
                                j++;
                            }
                            if (j >= n || s[j] == delimiter || s[j] == '\n' || s[j] == '\r') {
                                paddedQuotes++;
                                i = j;
                            }
                        }
                        if (i < n) {
                            char after = s[i];
                            if (after != delimiter && after != '\n' && after != '\r') {
                                error = true;
                                // Resynchronise at the end of the line.
                                while (i < n && s[i] != '\n' && s[i] != '\r') {
                                    i++;
                                }
                            }
                        }
                        continue;
                    }
                    if (c == delimiter) {
                        delimiterSeen = true;
                        fields++;
                        fieldStart = true;
                        i++;
                        endsWithDelimiter = i >= n || s[i] == '\n' || s[i] == '\r';
                    } else if (c == '\n' || c == '\r') {
                        i = skipBreak(s, i);
                        line++;
                        complete = true;
                        break;
                    } else {
                        if (c == quote) {
                            strayQuotes++;
                        }
                        if (c == COMMENT && fieldsBeforeComment < 0) {
                            fieldsBeforeComment = fields;
                            indentedComment = leadingBlank && fields == 1 && c != first;
                        }
                        leadingBlank &= c == ' ' || c == '\t';
                        fieldStart = false;
                        i++;
                    }
                }
                if (!complete && truncated) {
                    return; // the last record may be cut off
                }
                if (error) {
                    errors++;
                }
                boolean commentLine = first == COMMENT || indentedComment;
                records.add(new long[] {
                    startLine, fields, commentLine ? COMMENTISH : DATA, fieldsBeforeComment, endsWithDelimiter ? 1 : 0
                });
                if (commentLine && first != COMMENT) {
                    indentedComments = true;
                }
            }
        }

        private static int skipBreak(char[] s, int i) {
            if (s[i] == '\r' && i + 1 < s.length && s[i + 1] == '\n') {
                return i + 2;
            }
            return i + 1;
        }

        /** The run of records with the same field count, where it starts, and comment lines. */
        private void evaluate() {
            List<long[]> data = new ArrayList<>();
            for (long[] r : records) {
                if (r[2] == DATA) {
                    data.add(r);
                }
            }
            // '#' lines are comments when some of them do not have the file's field count
            // (and always when the first line that is not blank is one: a comment is never the header).
            int modal = modalFields(data);
            boolean firstSeen = false;
            for (long[] r : records) {
                if (r[2] == COMMENTISH && (r[1] != modal || !firstSeen)) {
                    comments = true;
                    break;
                }
                firstSeen |= r[2] == DATA;
            }
            if (comments) {
                // With comments, '#' outside quotes ends a line's data wherever it is (DuckDB's rule).
                for (long[] r : data) {
                    if (r[3] >= 0 && r[3] != r[1]) {
                        midLineComments = true;
                        r[1] = r[3];
                    }
                }
                midLineComments |= indentedComments;
            }
            if (!comments) {
                data.clear();
                for (long[] r : records) {
                    if (r[2] != BLANK) {
                        data.add(r);
                    }
                }
            }
            if (data.isEmpty()) {
                return;
            }
            headerTrailingDelimiter = headerTrailingDelimiter(data);
            if (headerTrailingDelimiter) {
                data.set(0, data.get(0).clone());
                data.get(0)[1]--;
            }
            columns = modalFields(data);
            firstFields = (int) data.get(0)[1];
            for (long[] r : data) {
                if (r[1] == columns) {
                    modalRecords++;
                }
                if (r[1] == firstFields) {
                    firstRecords++;
                }
            }
            start = -1;
            int limit = Math.min(data.size(), MAX_SKIPPED_RECORDS + 1);
            for (int i = 0; i < limit; i++) {
                if (data.get(i)[1] == columns && (i + 1 == data.size() || data.get(i + 1)[1] == columns)) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                start = 0;
                columns = (int) data.get(0)[1];
            }
            // A title or junk line has fewer fields than the table (a title, a note, "Report, 2024"); a line
            // before the run with as many fields or more is a row of the table — its header, or a bad row —
            // and the run starts there.
            for (int i = 0; i < start; i++) {
                if (data.get(i)[1] >= columns) {
                    start = i;
                    break;
                }
            }
            startLine = data.get(start)[0];
            dataRecords = data.size();
            total = data.size() - start;
            for (int i = start; i < data.size(); i++) {
                if (data.get(i)[1] == columns) {
                    consistent++;
                }
            }
        }

        long startLine = 1;
        /** The first record ends with a delimiter that the records after it do not have. */
        boolean headerTrailingDelimiter;

        /**
         * Whether the first record (the header, in the files this is for) ends with a delimiter and,
         * without the empty field after it, has the field count of most of the records after it, which
         * do not end with one: {@code id,name,} over {@code 1,Ann}. An export artefact; the empty field
         * is no column.
         */
        private static boolean headerTrailingDelimiter(List<long[]> data) {
            if (data.size() < 2 || data.get(0)[4] == 0 || data.get(0)[1] < 3) {
                return false;
            }
            List<long[]> rest = data.subList(1, data.size());
            int modal = modalFields(rest);
            if (modal != data.get(0)[1] - 1) {
                return false;
            }
            int trailing = 0;
            int withModal = 0;
            for (long[] r : rest) {
                if (r[1] == modal) {
                    withModal++;
                    trailing += (int) r[4];
                }
            }
            return 2L * withModal > rest.size() && 2L * trailing < withModal;
        }
        /** Records that are neither blank nor comments. */
        int dataRecords;
        /** How many of those records have the most frequent field count; the first one's count, and how many have that. */
        int modalRecords;

        int firstFields;
        int firstRecords;

        /** The most frequent field count; ties go to the larger count. */
        private static int modalFields(List<long[]> data) {
            Map<Long, Integer> counts = new HashMap<>();
            for (long[] r : data) {
                counts.merge(r[1], 1, Integer::sum);
            }
            long modal = 1;
            int most = 0;
            for (Map.Entry<Long, Integer> e : counts.entrySet()) {
                if (e.getValue() > most || (e.getValue() == most && e.getKey() > modal)) {
                    modal = e.getKey();
                    most = e.getValue();
                }
            }
            return (int) modal;
        }

        /**
         * Whether the records, though not consistent enough to split ({@link #splits()}), are a table with
         * bad rows: the first record (the header or first row) has 2 or more fields, and no other field
         * count is more frequent than its own. A file whose first line has no delimiter, or in which
         * another field count is more frequent than the first line's, is not a table by this delimiter.
         */
        boolean tableWithBadRows() {
            return firstFields >= 2 && firstRecords >= modalRecords;
        }

        /** Records (not blank, not comments) skipped before the run or without the run's field count. */
        int offRecords() {
            return dataRecords - consistent;
        }

        /** Splits into several columns, consistently enough to be this file's delimiter. */
        boolean splits() {
            return columns >= 2 && total > 0 && consistent >= MIN_CONSISTENCY * total;
        }

        boolean beats(Candidate other) {
            if (splits() != other.splits()) {
                return splits();
            }
            if (!splits()) {
                return false; // one column either way: keep the earlier delimiter
            }
            if (consistent != other.consistent) {
                return consistent > other.consistent;
            }
            return columns > other.columns;
        }

        Result result() {
            long skippedComments = 0;
            long skippedOther = 0;
            for (long[] r : records) {
                if (r[0] >= startLine) {
                    break;
                }
                if (r[2] == COMMENTISH && comments) {
                    skippedComments++;
                } else if (r[2] != BLANK) {
                    skippedOther++;
                }
            }
            boolean oneColumn = !splits();
            // A file that does not split has no junk lines to skip: every line is a row of its one column.
            long skip = oneColumn && !comments ? 0 : startLine - 1;
            if (oneColumn && !comments) {
                skippedOther = 0;
                skippedComments = 0;
            }
            return new Result(
                    delimiter,
                    quote,
                    escape,
                    comments ? COMMENT : 0,
                    skip,
                    skippedComments,
                    skippedOther,
                    comments && midLineComments && !oneColumn,
                    quote != CsvDialect.NO_QUOTE && paddedQuotes > 0,
                    headerTrailingDelimiter && !oneColumn);
        }
    }
}
