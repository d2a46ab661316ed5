package io.lakehub.app.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.catalog.commit.ColumnClassification;
import io.lakehub.catalog.commit.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's and the CLI's view of the scan results committed as snapshot properties. */
class PiiColumnsTest {

    private static Snapshot snapshot(long id, Map<String, String> properties) {
        return new Snapshot(id, "people", null, "append", 1, 1, 1, 1, Instant.EPOCH, "t", properties);
    }

    @Test
    void eachColumnShowsTheNewestSnapshotsResult() {
        List<DatasetColumn> columns = List.of(
                new DatasetColumn("Email", "string", true),
                new DatasetColumn("city", "string", true),
                new DatasetColumn("added_later", "int", true));
        List<Snapshot> newestFirst = List.of(
                snapshot(2, Map.of("step.pii.column.city.pii", "none", "step.pii.column.city.confidence", "0.990")),
                snapshot(
                        1,
                        Map.of(
                                "step.pii.column.email.pii", "EMAIL",
                                "step.pii.column.email.confidence", "0.970",
                                "step.pii.column.email.sampled", "1000",
                                "step.pii.column.email.matches", "990",
                                "step.pii.column.email.matchRatio", "0.9900",
                                "step.pii.column.email.action", "hash",
                                "step.pii.column.city.pii", "STREET_ADDRESS")));

        List<DatasetColumn> shown = PiiColumns.withScan(columns, newestFirst);

        assertThat(shown.get(0))
                .isEqualTo(new DatasetColumn("Email", "string", true, "EMAIL", 0.97, 1000L, 0.99, 990L, 1L, "hash", 1));
        assertThat(shown.get(1).pii()).isEqualTo("none");
        assertThat(shown.get(1).piiSnapshot()).isEqualTo(2L);
        assertThat(shown.get(2)).isEqualTo(columns.get(2));
        assertThat(shown.stream().map(PiiColumns::cell)).containsExactly("EMAIL 0.97 (hash)", "-", "-");
    }

    @Test
    void theCatalogsStoredResultWinsOverSnapshotProperties() {
        List<DatasetColumn> columns =
                List.of(new DatasetColumn("Email", "string", true), new DatasetColumn("city", "string", true));
        List<ColumnClassification> stored = List.of(
                new ColumnClassification("email", "EMAIL", 0.97, 1000, 990, 0.99, "hash", 2, 7),
                new ColumnClassification("EMAIL", "PHONE", 0.5, 1, 1, 1, null, 1, 3));
        List<Snapshot> newestFirst = List.of(snapshot(
                7,
                Map.of(
                        "step.pii.column.email.pii", "PHONE",
                        "step.pii.column.city.pii", "none",
                        "step.pii.column.city.confidence", "0.990")));

        List<DatasetColumn> shown = PiiColumns.withScan(columns, stored, newestFirst);

        assertThat(shown.get(0))
                .isEqualTo(new DatasetColumn("Email", "string", true, "EMAIL", 0.97, 1000L, 0.99, 990L, 7L, "hash", 2));
        assertThat(shown.get(1).pii()).as("no stored result: the snapshot's").isEqualTo("none");
        assertThat(shown.get(1).confidence()).isEqualTo(0.99);
    }
}
