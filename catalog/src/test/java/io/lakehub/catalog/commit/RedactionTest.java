package io.lakehub.catalog.commit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgresql://bob:pw@host/db?password=x&ssl=true | postgresql://***@host/db?password=***&ssl=true",
                "https://user@example.com/data.csv | https://***@example.com/data.csv",
                "postgresql://bob:p@ss@host:5432/db | postgresql://***@host:5432/db",
                "https://example.com/people?owner=a@b.com | https://example.com/people?owner=a@b.com",
                "https://example.com/export?token=abc123&page=2 | https://example.com/export?token=***&page=2",
                "https://example.com/x?API_KEY=k1;Secret=s2#frag | https://example.com/x?API_KEY=***;Secret=***#frag",
                "s3://bucket/key?X-Amz-Signature=abc&sig=def | s3://bucket/key?X-Amz-Signature=***&sig=***",
                "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F1&X-Amz-Expires=60 | https://b.s3.amazonaws.com/k?X-Amz-Credential=***&X-Amz-Expires=60",
                "https://api.example.com/v1?access_token=t1&client_secret=c2 | https://api.example.com/v1?access_token=***&client_secret=***",
                "jdbc:h2:file:/data/catalog;PASSWORD=hunter2 | jdbc:h2:file:/data/catalog;PASSWORD=***",
                "/inbox/people/people.csv | /inbox/people/people.csv",
                "file:///inbox/a@b.csv | file:///inbox/a@b.csv"
            })
    void removesCredentialsAndKeepsTheRest(String uri, String expected) {
        assertThat(Redaction.redactUri(uri)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "kafka://alice:s3cr3t@broker:9092/topic | s3cr3t",
                "https://h/x?pwd=p4ss&passwd=p5ss | p4ss",
                "https://h/x?access_key=AKIA123&secret_key=zzz | AKIA123"
            })
    void neverLeavesTheSecretInPlace(String uri, String secret) {
        assertThat(Redaction.redactUri(uri)).doesNotContain(secret);
    }

    @org.junit.jupiter.api.Test
    void keepsNull() {
        assertThat(Redaction.redactUri(null)).isNull();
    }
}
