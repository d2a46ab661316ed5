package io.lakehub.catalog.query;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the leading keyword of SQL text and where a second statement starts, skipping comments,
 * string literals, quoted identifiers and dollar-quoted strings.
 *
 * <p>This is not the gatekeeper: whether a statement is a read-only query is decided by DuckDB's
 * own parser in {@link SqlGuard}. The scanner only names what was refused in the message and finds
 * the query behind {@code EXPLAIN}, which DuckDB then parses again on its own.
 */
final class SqlScanner {

    private SqlScanner() {}

    /** A bare (unquoted) word of the SQL text, upper-cased, and where it ends. */
    record Word(String upper, int start, int end) {}

    /** The first significant token if it is a bare word, e.g. {@code SELECT} or {@code COPY}. */
    static Optional<Word> firstWord(String sql, int from) {
        int i = skipInsignificant(sql, from);
        if (i >= sql.length() || !isWordStart(sql.charAt(i))) {
            return Optional.empty();
        }
        int end = i + 1;
        while (end < sql.length() && isWordPart(sql.charAt(end))) {
            end++;
        }
        return Optional.of(new Word(sql.substring(i, end).toUpperCase(Locale.ROOT), i, end));
    }

    /**
     * The first word of the second statement, if the text holds more than one: after a top-level
     * semicolon, more than whitespace and comments follows.
     */
    static Optional<String> secondStatementKeyword(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == ';') {
                int next = skipInsignificant(sql, i + 1);
                while (next < sql.length() && sql.charAt(next) == ';') {
                    next = skipInsignificant(sql, next + 1);
                }
                if (next >= sql.length()) {
                    return Optional.empty();
                }
                return Optional.of(firstWord(sql, next).map(Word::upper).orElse("another statement"));
            }
            i = skipToken(sql, i);
        }
        return Optional.empty();
    }

    /** Whether {@code word} occurs as a bare word, outside literals, quoted identifiers and comments. */
    static boolean containsWord(String sql, String word) {
        int i = 0;
        while (i < sql.length()) {
            int end = skipToken(sql, i);
            if (isWordStart(sql.charAt(i)) && sql.substring(i, end).equalsIgnoreCase(word)) {
                return true;
            }
            i = end;
        }
        return false;
    }

    /** Index of the first character at or after {@code i} that is not whitespace or a comment. */
    static int skipInsignificant(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (startsWith(sql, i, "--")) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (startsWith(sql, i, "/*")) {
                i = skipBlockComment(sql, i);
            } else {
                return i;
            }
        }
        return i;
    }

    /** Index just after the token starting at {@code i}; unterminated tokens run to the end. */
    private static int skipToken(String sql, int i) {
        char c = sql.charAt(i);
        if (startsWith(sql, i, "--") || startsWith(sql, i, "/*") || Character.isWhitespace(c)) {
            return Math.max(i + 1, skipInsignificant(sql, i));
        }
        if (c == '\'') {
            boolean escapes = i > 0
                    && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                    && (i < 2 || !isWordPart(sql.charAt(i - 2)));
            return skipQuoted(sql, i, '\'', escapes);
        }
        if (c == '"') {
            return skipQuoted(sql, i, '"', false);
        }
        if (c == '$') {
            int tagEnd = i + 1;
            while (tagEnd < sql.length() && isWordPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                tagEnd++;
            }
            boolean isTag = tagEnd < sql.length()
                    && sql.charAt(tagEnd) == '$'
                    && (tagEnd == i + 1 || !Character.isDigit(sql.charAt(i + 1)));
            if (isTag) {
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                return close < 0 ? sql.length() : close + tag.length();
            }
        }
        if (isWordStart(c)) {
            int end = i + 1;
            while (end < sql.length() && isWordPart(sql.charAt(end))) {
                end++;
            }
            return end;
        }
        return i + 1;
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int j = i + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return sql.length();
    }

    // Block comments nest, as in PostgreSQL, whose grammar DuckDB's parser derives from.
    private static int skipBlockComment(String sql, int i) {
        int depth = 0;
        int j = i;
        while (j < sql.length()) {
            if (startsWith(sql, j, "/*")) {
                depth++;
                j += 2;
            } else if (startsWith(sql, j, "*/")) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return sql.length();
    }

    private static boolean startsWith(String sql, int i, String prefix) {
        return sql.startsWith(prefix, i);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
