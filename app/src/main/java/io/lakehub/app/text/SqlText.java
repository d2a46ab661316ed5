package io.lakehub.app.text;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.lakehub.app.api.document.SqlColumn;
import io.lakehub.app.api.document.SqlResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's answer as text: what {@code lakehub sql} prints ({@code --format table}, {@code --format
 * csv}) and what {@code POST /api/sql} answers for {@code Accept: text/plain} and {@code text/csv}
 * (ADR 0059). One copy for both, so the command line prints the same bytes whichever side renders.
 */
public final class SqlText {
    private SqlText() {}

    /**
     * Aligned columns (numbers right-aligned), then {@code (N rows)}, with {@code ; truncated at the
     * row limit} when the hub cut the result.
     */
    public static void table(SqlResponse result, PrintWriter out) {
        List<SqlColumn> columns = result.columns();
        boolean[] numeric = new boolean[columns.size()];
        List<String> headers = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            headers.add(columns.get(c).name());
            numeric[c] = Cells.isNumeric(columns.get(c).type());
        }
        TextTable table = new TextTable(headers, numeric);
        for (List<Object> row : result.rows()) {
            table.add(row.stream().map(Cells::table).toList());
        }
        table.print(out);
        long n = result.rowCount();
        out.println("(" + n + (n == 1 ? " row" : " rows") + (result.truncated() ? "; truncated at the row limit" : "")
                + ")");
    }

    /** RFC 4180 with LF line ends: a header of the column names, then the rows; null is an empty field. */
    public static void csv(SqlResponse result, PrintWriter out) {
        try {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
            csv.writeRecord(result.columns().stream().map(SqlColumn::name).toList());
            for (List<Object> row : result.rows()) {
                csv.writeRecord(row.stream().map(Cells::csv).toList());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
