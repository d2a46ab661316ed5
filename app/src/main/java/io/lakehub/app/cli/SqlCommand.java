package io.lakehub.app.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.lakehub.app.api.document.SqlColumn;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.hub.HubApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub sql "SQL" [--format table|json|csv]}: one read-only query. {@code json} prints
 * exactly the {@code POST /api/sql} document; {@code csv} a header and the rows (RFC 4180);
 * {@code table} aligned text and the row count.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, description = "Run one read-only SQL query over the lake.")
final class SqlCommand implements Callable<Integer> {

    /** Output formats of {@code sql}. Lower case, as typed on the command line. */
    enum Output {
        table,
        json,
        csv
    }

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, or - to read it from stdin.")
    String sql;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Output format;

    private final InputStream stdin;

    SqlCommand() {
        this(System.in);
    }

    SqlCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        String query = "-".equals(sql) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : sql;
        PrintWriter out = root.out();
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            switch (format) {
                case json -> out.println(hub.sqlJson(query));
                case csv -> printCsv(hub.sql(query), out);
                case table -> printTable(hub.sql(query), out);
            }
        }
        out.flush();
        return 0;
    }

    static void printTable(SqlResponse result, PrintWriter out) {
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

    static void printCsv(SqlResponse result, PrintWriter out) {
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
