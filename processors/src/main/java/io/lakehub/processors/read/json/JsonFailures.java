package io.lakehub.processors.read.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.lakehub.processors.read.ReadFailedException;

/**
 * Turns Jackson's parse failures into {@link ReadFailedException}s naming the file, line and
 * position in the line. Jackson's own messages may quote the offending token ("Unrecognized token
 * 'alice'"), which can be personal data, so the message is rewritten and the cause is replaced by
 * a copy that keeps Jackson's exception type and stack trace but not its message.
 */
final class JsonFailures {
    private JsonFailures() {}

    /**
     * @param lineBase added to the parser's line numbers (a parser restarted after a skipped line
     *     counts from 1 again)
     */
    static ReadFailedException of(String file, JsonProcessingException e, JsonLocation fallback, long lineBase) {
        JsonLocation loc = e.getLocation() != null ? e.getLocation() : fallback;
        long line = loc == null ? 0 : lineBase + Math.max(0, loc.getLineNr());
        String where = loc == null ? "" : ": line " + line + ", position " + Math.max(1, loc.getColumnNr());
        String what;
        Throwable cause;
        if (e instanceof StreamConstraintsException) {
            // Only lengths and limits, never content: safe to quote.
            what = "a value exceeds the JSON reader's limits (" + e.getOriginalMessage() + ")";
            cause = e;
        } else if (e instanceof JsonEOFException) {
            what = "the JSON ends in the middle of a value: the file is truncated or a bracket or quote is"
                    + " never closed";
            cause = new RedactedParseException(e);
        } else if (isUndecodable(e)) {
            what = "bytes that are not valid UTF-8; save the file as UTF-8 or name its encoding";
            cause = new RedactedParseException(e);
        } else {
            what = "not valid JSON";
            cause = new RedactedParseException(e);
        }
        return new ReadFailedException(file + where + ": " + what, line, null, cause);
    }

    /** Whether Jackson failed on bytes that are not UTF-8 (the charset is wrong, not the JSON). */
    static boolean isUndecodable(JsonProcessingException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().contains("Invalid UTF-8");
    }

    /** What is wrong, in a few words naming no value (a bad row's reason). */
    static String what(JsonProcessingException e) {
        return e instanceof JsonEOFException
                ? "the JSON ends in the middle of a value (a bracket or quote is never closed)"
                : "not valid JSON";
    }

    /** Jackson's exception with its message withheld (it may quote the data). */
    static final class RedactedParseException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedParseException(JsonProcessingException original) {
            super(original.getClass().getName() + " (message withheld: it may quote the data)");
            setStackTrace(original.getStackTrace());
        }
    }
}
