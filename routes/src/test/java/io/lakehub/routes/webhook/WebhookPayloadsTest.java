package io.lakehub.routes.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
