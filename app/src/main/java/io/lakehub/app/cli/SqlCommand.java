package io.lakehub.app.cli;

import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.SqlText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
                case csv -> SqlText.csv(hub.sql(query), out);
                case table -> SqlText.table(hub.sql(query), out);
            }
        }
        out.flush();
        return 0;
    }
}
