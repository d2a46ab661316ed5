package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.fake.FakeBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakehub scan}: classifies a file's columns locally, prints text or JSON, writes nothing. */
class ScanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new FakeBackends(), Duration.ofMillis(300));

    private Path people() throws IOException {
        StringBuilder csv = new StringBuilder("id,contact,c7,phone_count,ssn_verified,note\n");
        String[] emails = {"mary.smith@example.com", "j.garcia@mail.example.org", "LEE.KIM@EXAMPLE.CO.UK"};
        String[] phones = {"(415) 555-2671", "+44 20 7946 0958", "212-456-7890"};
        for (int i = 0; i < 60; i++) {
            csv.append(i)
                    .append(',')
                    .append(emails[i % 3])
                    .append(',')
                    .append(phones[i % 3].replace("555", "5" + (i % 7 + 2) + "5"))
                    .append(',')
                    .append(i % 4)
                    .append(',')
                    .append(i % 2 == 0)
                    .append(',')
                    .append(i % 10 == 0 ? "call me at 212-456-7890 please thanks" : "arrived late but works fine")
                    .append('\n');
        }
        return Files.writeString(temp.resolve("people.csv"), csv);
    }

    @Test
    void jsonNamesEachColumnsTypeOrNull() throws IOException {
        Path file = people();

        JsonNode doc = JSON.readTree(cli.succeeds("scan", file.toString(), "--format", "json"));

        JsonNode columns = doc.path("columns");
        assertThat(columns).hasSize(6);
        assertThat(columns.get(0).path("name").asText()).isEqualTo("id");
        assertThat(columns.get(0).path("pii").isNull()).isTrue();
        assertThat(columns.get(1).path("pii").asText()).isEqualTo("EMAIL");
        assertThat(columns.get(1).path("confidence").asDouble()).isBetween(0.9, 1.0);
        assertThat(columns.get(1).path("sampled").asLong()).isEqualTo(60);
        assertThat(columns.get(1).path("matches").asLong()).isEqualTo(60);
        assertThat(columns.get(1).path("matchRatio").asDouble()).isEqualTo(1.0);
        assertThat(columns.get(2).path("pii").asText())
                .as("phones under a meaningless name")
                .isEqualTo("PHONE");
        assertThat(columns.get(3).path("pii").isNull())
                .as("phone_count is a count")
                .isTrue();
        assertThat(columns.get(4).path("pii").isNull())
                .as("ssn_verified is a flag")
                .isTrue();
        assertThat(columns.get(5).path("pii").asText())
                .as("free text embedding phones")
                .isEqualTo("PHONE");
        assertThat(columns.get(5).path("matches").asLong()).isEqualTo(6);
    }

    @Test
    void textIsATableAndNeverShowsAValue() throws IOException {
        Path file = people();

        String out = cli.succeeds("scan", file.toString());

        assertThat(out).contains("column", "pii", "confidence", "EMAIL", "PHONE", "Nothing was written.");
        assertThat(out).doesNotContain("example.com", "2671", "call me");
    }

    @Test
    void writesNothingNextToTheFile() throws IOException {
        Path file = people();

        cli.succeeds("scan", file.toString(), "--format", "json");

        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aMissingFileIsNamedAndFails() {
        Path missing = temp.resolve("nope.csv");

        var r = cli.run("scan", missing.toString());

        assertThat(r.code()).isEqualTo(LakehubCommand.REFUSED);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileNoReaderUnderstandsIsNamedAndFails() throws IOException {
        Path junk = temp.resolve("junk.parquet");
        Files.write(junk, new byte[] {'P', 'A', 'R', '1', 0, 1, 2, 3, 4, 5, 6, 7});

        var r = cli.run("scan", junk.toString(), "--format", "json");

        assertThat(r.code()).isEqualTo(LakehubCommand.REFUSED);
        assertThat(r.err()).contains(junk.toString());
        assertThat(r.out()).isEmpty();
    }
}
