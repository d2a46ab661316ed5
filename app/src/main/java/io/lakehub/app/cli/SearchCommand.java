package io.lakehub.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.api.document.IndexSearchRequest;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.text.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub search NAME "query" [--k 10] [--filter "SQL predicate"] [--mode vector|hybrid] [--format
 * table|json]}: {@code json} prints exactly the {@code POST /api/indexes/{name}/search} document.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search a vector index.")
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Output formats of {@code search}. */
    enum Output {
        table,
        json
    }

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The index.")
    String name;

    @Parameters(index = "1", paramLabel = "QUERY", description = "The text to search for.")
    String query;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "Rows to return (default: 10).")
    int k;

    @Option(
            names = "--filter",
            paramLabel = "PREDICATE",
            description = "A SQL predicate on the dataset's columns; only rows meeting it are candidates.")
    String filter;

    @Option(
            names = "--mode",
            defaultValue = "vector",
            paramLabel = "MODE",
            description = "vector or hybrid (BM25 and vector ranks fused; default: vector).")
    String mode;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Output format;

    @Override
    public Integer call() throws Exception {
        String json;
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            json = hub.searchIndexJson(name, new IndexSearchRequest(query, k, filter, mode.toLowerCase(Locale.ROOT)));
        }
        PrintWriter out = root.out();
        if (format == Output.json) {
            out.println(json);
        } else {
            JsonNode hits = JSON.readTree(json).path("hits");
            TextTable table = new TextTable(List.of("key", "score", "chunk"), new boolean[] {false, true, false});
            for (JsonNode hit : hits) {
                String chunk = hit.path("chunk").asText();
                table.add(List.of(
                        hit.path("key").asText(),
                        String.format(Locale.ROOT, "%.4f", hit.path("score").asDouble()),
                        LakehubCommand.oneLine(chunk.length() > 80 ? chunk.substring(0, 77) + "..." : chunk)));
            }
            table.print(out);
            out.println("(" + hits.size() + (hits.size() == 1 ? " hit" : " hits") + ")");
        }
        out.flush();
        return 0;
    }
}
