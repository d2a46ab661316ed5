package io.lakehub.routes.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a webhook request body into events, one compact JSON object (UTF-8) each, by its
 * Content-Type; everything is checked here, before the events are queued for a commit, so that a
 * malformed request is refused alone (400 naming the line, column and byte offset) and never fails
 * the requests committed with it.
 *
 * <ul>
 *   <li>{@code application/json} (and {@code +json} types): one JSON object, or an array of objects.
 *   <li>{@code application/x-ndjson}, {@code application/ndjson}, {@code application/jsonl}, {@code
 *       application/x-jsonlines}: one JSON object per line; blank lines are skipped.
 *   <li>{@code text/csv}, {@code application/csv}: RFC 4180, a header line naming the columns, then one
 *       event per record (an empty unquoted field is null). A field that is a plain integer (no
 *       leading zero, at most 18 digits), a decimal number or {@code true}/{@code false} becomes that
 *       JSON value, anything else a string, so a CSV and a JSON request of the same events give the
 *       same column types.
 * </ul>
 */
public final class WebhookPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The parser of the streamed pass (ADR 0049): the mapper's settings, and duplicate field names refused,
     * so that the pass only succeeds where its copy is byte for byte what the tree gives (a tree keeps the
     * last of duplicate fields; a copy would keep them all).
     */
    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private WebhookPayloads() {}

    /** How a body is read. */
    public enum Kind {
        JSON,
        NDJSON,
        CSV
    }

    /**
     * The kind of body a Content-Type announces.
     *
     * @throws UnsupportedPayloadException for any other type (or none)
     */
    public static Kind kind(String contentType) {
        String type =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json", "text/json" -> Kind.JSON;
            case "application/x-ndjson",
                    "application/ndjson",
                    "application/jsonl",
                    "application/x-jsonlines",
                    "application/jsonlines" -> Kind.NDJSON;
            case "text/csv", "application/csv" -> Kind.CSV;
            default -> {
                if (type.endsWith("+json")) {
                    yield Kind.JSON;
                }
                throw new UnsupportedPayloadException(
                        (type.isEmpty() ? "A request without Content-Type" : "Content-Type '" + type + "'")
                                + " cannot be read; send application/json (an object or an array of objects),"
                                + " application/x-ndjson or text/csv. Nothing was written.");
            }
        };
    }

    /**
     * The body's events.
     *
     * @throws UnsupportedPayloadException the Content-Type is not one the hub reads
     * @throws MalformedPayloadException the body is not what the Content-Type says, naming where
     */
    public static List<byte[]> events(byte[] body, String contentType) {
        return switch (kind(contentType)) {
            case JSON -> json(body);
            case NDJSON -> ndjson(body);
            case CSV -> csv(body);
        };
    }

    private static List<byte[]> json(byte[] body) {
        List<byte[]> streamed = jsonStreamed(body);
        return streamed != null ? streamed : jsonTree(body);
    }

    /**
     * The events of a JSON body, each copied token by token from the parser into its compact form: the
     * same bytes as the tree ({@link #compact}) gives, without building one (the tree and its
     * serialisation were about 5% of the hub's CPU on the webhook path, ADR 0049).
     *
     * @return null when the body is not a well-formed object or array of objects without duplicate
     *     fields: {@link #jsonTree} then reads it, with the answers and error messages it always gave
     */
    private static List<byte[]> jsonStreamed(byte[] body) {
        List<byte[]> events = new ArrayList<>();
        try (JsonParser p = STRICT.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                events.add(copy(p));
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    events.add(copy(p));
                }
            } else {
                return null;
            }
            return p.nextToken() == null ? events : null;
        } catch (IOException notStreamable) {
            // Malformed, or a duplicate field: the tree reads it and names the problem (or keeps the last).
            return null;
        }
    }

    /** The object the parser is at, copied in compact form. */
    private static byte[] copy(JsonParser p) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(1_024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toByteArray();
    }

    private static List<byte[]> jsonTree(byte[] body) {
        List<byte[]> events = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedPayloadException(
                        "The JSON body is empty; send an object or an array of objects. Nothing was written.");
            }
            if (first == JsonToken.START_OBJECT) {
                events.add(compact(p.readValueAsTree()));
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        throw malformed(
                                "element " + index + " of the array is not a JSON object", p.currentTokenLocation());
                    }
                    events.add(compact(p.readValueAsTree()));
                    index++;
                }
            } else {
                throw malformed("the body is not a JSON object or array", p.currentTokenLocation());
            }
            if (p.nextToken() != null) {
                throw malformed("there is more after the JSON value", p.currentTokenLocation());
            }
        } catch (JsonProcessingException e) {
            throw malformed(firstLine(e.getOriginalMessage()), e.getLocation());
        } catch (IOException e) {
            throw new MalformedPayloadException("The JSON body could not be read: " + e.getMessage());
        }
        return events;
    }

    private static List<byte[]> ndjson(byte[] body) {
        List<byte[]> events = new ArrayList<>();
        int line = 1;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                if (!blank(body, start, end)) {
                    events.add(ndjsonLine(body, start, end, line));
                }
                line++;
                start = i + 1;
            }
        }
        return events;
    }

    private static byte[] ndjsonLine(byte[] body, int start, int end, int line) {
        try (JsonParser p = STRICT.createParser(body, start, end - start)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                byte[] event = copy(p);
                if (p.nextToken() == null) {
                    return event;
                }
            }
        } catch (IOException notStreamable) {
            // Malformed, or a duplicate field: read below as a tree, which names the problem (or keeps the last).
        }
        try (JsonParser p = JSON.createParser(body, start, end - start)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPayloadException("Line " + line + " (byte offset " + start
                        + ") is not a JSON object; NDJSON needs one object per line. Nothing was written.");
            }
            byte[] event = compact(p.readValueAsTree());
            if (p.nextToken() != null) {
                throw new MalformedPayloadException("Line " + line + " (byte offset " + start
                        + ") has more after its JSON object; NDJSON needs one object per line. Nothing was written.");
            }
            return event;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String column = at == null || at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr();
            long offset = at == null || at.getByteOffset() < 0 ? start : start + at.getByteOffset();
            throw new MalformedPayloadException("Line " + line + column + " (byte offset " + offset
                    + ") is not valid JSON: " + firstLine(e.getOriginalMessage()) + ". Nothing was written.");
        } catch (IOException e) {
            throw new MalformedPayloadException("Line " + line + " could not be read: " + e.getMessage());
        }
    }

    private static List<byte[]> csv(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException(
                    "The CSV body is not UTF-8 (" + e.getMessage() + "); send it as UTF-8. Nothing was written.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CsvRecords records = new CsvRecords(text);
        List<String> header = records.next();
        if (header == null) {
            throw new MalformedPayloadException(
                    "The CSV body is empty; send a header line, then one line per event. Nothing was written.");
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) == null || header.get(i).isBlank()) {
                throw new MalformedPayloadException(
                        "Line 1: column " + (i + 1) + " of the CSV header has no name. Nothing was written.");
            }
        }
        List<byte[]> events = new ArrayList<>();
        List<String> fields;
        while (true) {
            int line = records.line();
            fields = records.next();
            if (fields == null) {
                break;
            }
            if (fields.size() != header.size()) {
                throw new MalformedPayloadException("Line " + line + " has " + fields.size()
                        + " field(s); the header has " + header.size() + ". Nothing was written.");
            }
            ObjectNode event = JSON.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                String v = fields.get(i);
                typed(event, header.get(i), v);
            }
            try {
                events.add(compact(event));
            } catch (JsonProcessingException e) {
                throw new MalformedPayloadException("Line " + line + " could not be turned into an event: "
                        + firstLine(e.getOriginalMessage()) + ". Nothing was written.");
            }
        }
        return events;
    }

    /**
     * RFC 4180 records: fields separated by commas, records by CRLF or LF, double quotes around fields
     * holding either (a quote inside doubled). Blank lines are skipped. An empty unquoted field is
     * null, an empty quoted one is the empty string.
     */
    private static final class CsvRecords {
        private final String text;
        private int pos;
        private int line = 1;

        CsvRecords(String text) {
            this.text = text;
        }

        /** The line the next record starts on. */
        int line() {
            skipBlankLines();
            return line;
        }

        private void skipBlankLines() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        List<String> next() {
            skipBlankLines();
            if (pos >= text.length()) {
                return null;
            }
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                if (pos >= text.length()) {
                    if (quoted) {
                        throw new MalformedPayloadException("Line " + startLine
                                + ": a quoted field is not closed before the end of the body. Nothing was written.");
                    }
                    fields.add(value(field, wasQuoted));
                    return fields;
                }
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < text.length() && text.charAt(pos) == '"') {
                            field.append('"');
                            pos++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(value(field, wasQuoted));
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || (c == '\r' && pos < text.length() && text.charAt(pos) == '\n')) {
                    if (c == '\r') {
                        pos++;
                    }
                    line++;
                    fields.add(value(field, wasQuoted));
                    return fields;
                } else if (wasQuoted) {
                    throw new MalformedPayloadException("Line " + line + ": text after the closing quote of field "
                            + (fields.size() + 1) + ". Nothing was written.");
                } else {
                    field.append(c);
                }
            }
        }

        private static String value(StringBuilder field, boolean wasQuoted) {
            return field.isEmpty() && !wasQuoted ? null : field.toString();
        }
    }

    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+([eE][+-]?[0-9]{1,3})?");

    /** A CSV field as the JSON value it reads as: null, integer, decimal, boolean, else string. */
    private static void typed(ObjectNode event, String name, String v) {
        if (v == null) {
            event.putNull(name);
        } else if (INTEGER.matcher(v).matches()) {
            event.put(name, Long.parseLong(v));
        } else if (DECIMAL.matcher(v).matches()) {
            event.put(name, new java.math.BigDecimal(v));
        } else if (v.equals("true") || v.equals("false")) {
            event.put(name, Boolean.parseBoolean(v));
        } else {
            event.put(name, v);
        }
    }

    private static boolean blank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static byte[] compact(JsonNode node) throws JsonProcessingException {
        return JSON.writeValueAsBytes(node);
    }

    private static MalformedPayloadException malformed(String what, JsonLocation at) {
        String where = at == null
                ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + (at.getByteOffset() >= 0 ? " (byte offset " + at.getByteOffset() + ")" : "");
        return new MalformedPayloadException("Malformed JSON" + where + ": " + what + ". Nothing was written.");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
