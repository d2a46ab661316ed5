package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.hub.DefaultHubBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakehub ingest --on-bad-rows / --max-bad-rows} and empty files, on the real back ends. */
class BadRowsCliIT {
    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));

    private String home() {
        return temp.resolve("home").toString();
    }

    /** {@code rows} data rows; the rows numbered in {@code ragged} have a fourth field. */
    private Path orders(String name, int rows, int... ragged) throws IOException {
        StringBuilder sb = new StringBuilder("id,customer,amount\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(",c").append(i % 7).append(',').append(i).append(".25");
            for (int r : ragged) {
                if (r == i) {
                    sb.append(",oops");
                }
            }
            sb.append('\n');
        }
        return Files.writeString(temp.resolve(name), sb.toString());
    }

    @Test
    void oneBadRowInAThousandIsReportedAndQueryableInTheRejectsDataset() throws Exception {
        Path csv = orders("orders.csv", 1000, 700);

        String out = cli.succeeds("--home", home(), "ingest", csv.toString(), "--dataset", "orders");

        assertThat(out).matches("orders: snapshot \\d+, 999 rows, 1 bad row in orders__rejects\n");
        assertThat(cli.sqlRows(home(), "SELECT line_number, raw_line FROM \"orders__rejects\"")
                        .toString())
                .isEqualTo("[[701,\"700,c0,700.25,oops\"]]");
        assertThat(cli.sqlRows(home(), "SELECT count(*) FROM orders").toString())
                .isEqualTo("[[999]]");
    }

    @Test
    void theThresholdRefusesTheFileAndNothingIsWritten() throws Exception {
        Path csv = orders("orders.csv", 1000, 700);

        var refused = cli.run("--home", home(), "ingest", csv.toString(), "--dataset", "orders", "--max-bad-rows", "0");

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .hasLineCount(1)
                .contains("orders.csv: 1 bad rows, more than max_bad_rows 0 allows (on_bad_rows rejects)")
                .contains("line 701")
                .contains("Nothing was written.");
        // Neither orders nor orders__rejects exists.
        assertThat(cli.succeeds("--home", home(), "datasets")).doesNotContain("orders");
    }

    @Test
    void skipAndFailAreChosenOnTheCommandLine() throws Exception {
        Path csv = orders("orders.csv", 1000, 700);

        var failed =
                cli.run("--home", home(), "ingest", csv.toString(), "--dataset", "orders", "--on-bad-rows", "fail");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("line 701 has 4 fields but the file has 3 columns");

        String out = cli.succeeds(
                "--home", home(), "ingest", csv.toString(), "--dataset", "orders", "--on-bad-rows", "skip");
        assertThat(out).matches("orders: snapshot \\d+, 999 rows, 1 bad row skipped\n");
    }

    @Test
    void anEmptyFileExitsZeroSayingZeroRows() throws Exception {
        Path empty = Files.writeString(temp.resolve("empty.csv"), "");

        String out = cli.succeeds("--home", home(), "ingest", empty.toString(), "--dataset", "orders");

        assertThat(out)
                .isEqualTo("orders: 0 rows (the file is empty (0 bytes): no columns, so no dataset was created)\n");
    }
}
