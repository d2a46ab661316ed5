package io.lakehub.routes.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Webhook bodies into events: each Content-Type, and every malformed body named by line and offset. */
class WebhookPayloadsTest {

    private static List<String> events(String body, String contentType) {
        return WebhookPayloads.events(body.getBytes(StandardCharsets.UTF_8), contentType).stream()
                .map(e -> new String(e, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void jsonObjectsArraysAndNdjsonBecomeCompactObjects() {
        assertThat(events(" { \"a\" : 1 } ", "application/json")).containsExactly("{\"a\":1}");
        assertThat(events("[{\"a\": 1}, {\"b\": {\"c\": [1, 2]}}]", "application/vnd.github+json"))
                .containsExactly("{\"a\":1}", "{\"b\":{\"c\":[1,2]}}");
        assertThat(events("[]", "application/json")).isEmpty();
        assertThat(events("{\"a\": 1}\r\n\n  \n{\"a\": 2}", "application/x-ndjson; charset=utf-8"))
                .containsExactly("{\"a\":1}", "{\"a\":2}");
    }

    @Test
    void eventsAreCopiedExactlyAsTheJsonTreeWritesThem() throws Exception {
        // The streamed copy (ADR 0049) must give the bytes the tree gave: numbers as Jackson reads them
        // (1.50 -> 1.5, 1e2 -> 100.0), escapes resolved, duplicate fields the last one, whitespace gone.
        ObjectMapper mapper = new ObjectMapper();
        String object = "{ \"a\" : 1.50, \"b\": 1e2, \"c\": -0.0, \"d\": 12345678901234567890, \"e\": 2147483648,"
                + " \"f\": 1E-7, \"g\": 123456789012345678901234567890.5, \"s\": \"\\u0041\\u00e9 \\/ \\\" \\n\","
                + "\n \"n\": null, \"t\": true, \"x\": [1, [2, {\"y\": []}], {}], \"\u00e9\": \"\u00fc\" }";
        String tree = mapper.writeValueAsString(mapper.readTree(object));
        assertThat(events(object, "application/json")).containsExactly(tree);
        assertThat(events("[" + object + ", " + object + "]", "application/json"))
                .containsExactly(tree, tree);
        assertThat(events(object.replace("\n", " ") + "\n" + object.replace("\n", " "), "application/x-ndjson"))
                .containsExactly(tree, tree);
        assertThat(events("{\"a\": 1, \"b\": 2, \"a\": 3}", "application/json")).containsExactly("{\"a\":3,\"b\":2}");
        assertThat(events("{\"a\": 1, \"a\": {\"b\": 2}}", "application/x-ndjson"))
                .containsExactly("{\"a\":{\"b\":2}}");
    }

    @Test
    void csvRecordsAreTypedLikeJsonValues() {
        assertThat(events(
                        "\uFEFFid,name,price,ok,code,note\r\n1,\"Smith, J\",9.50,true,007,\"say \"\"hi\"\"\nthere\"\n2,,-3,false,x,\"\"\n",
                        "text/csv"))
                .containsExactly(
                        "{\"id\":1,\"name\":\"Smith, J\",\"price\":9.50,\"ok\":true,\"code\":\"007\",\"note\":\"say \\\"hi\\\"\\nthere\"}",
                        "{\"id\":2,\"name\":null,\"price\":-3,\"ok\":false,\"code\":\"x\",\"note\":\"\"}");
    }

    @Test
    void malformedBodiesNameWhere() {
        assertThatThrownBy(() -> events("{\"a\": 1,}", "application/json"))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("line 1, column 9 (byte offset 8)");
        assertThatThrownBy(() -> events("{\"a\": 1} {\"b\": 2}", "application/json"))
                .hasMessageContaining("more after the JSON value");
        assertThatThrownBy(() -> events("\"text\"", "application/json")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> events("{\"a\":1}\n[1]\n", "application/x-ndjson"))
                .hasMessageContaining("Line 2 (byte offset 8) is not a JSON object");
        assertThatThrownBy(() -> events("a,b\n1,2\n\"3,4\n", "text/csv"))
                .hasMessageContaining("Line 3: a quoted field is not closed");
        assertThatThrownBy(() -> events("a,b\n\"1\"x,2\n", "text/csv"))
                .hasMessageContaining("Line 2: text after the closing quote");
        assertThatThrownBy(() -> WebhookPayloads.events(new byte[] {'a', '\n', (byte) 0xff}, "text/csv"))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> events("<a/>", "application/xml"))
                .isInstanceOf(UnsupportedPayloadException.class)
                .hasMessageContaining("application/xml");
        assertThatThrownBy(() -> events("{}", null)).isInstanceOf(UnsupportedPayloadException.class);
    }
}
