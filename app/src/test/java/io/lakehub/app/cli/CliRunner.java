package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.hub.HubBackends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import picocli.CommandLine;

/** Runs {@code lakehub} commands in-process and captures what they print. */
final class CliRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HubBackends backends;
    private final Duration patience;
    private CommandLine last;

    CliRunner(HubBackends backends, Duration patience) {
        this.backends = backends;
        this.patience = patience;
    }

    record Result(int code, String out, String err) {}

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LakehubCommand.commandLine(backends, patience, args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        last = cli;
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must exit 0 (its error output describes a failure); returns what it printed. */
    String succeeds(String... args) {
        Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    /** The rows of {@code lakehub sql QUERY --format json} on {@code home}. */
    JsonNode sqlRows(String home, String query) {
        try {
            return JSON.readTree(succeeds("--home", home, "sql", query, "--format", "json"))
                    .path("rows");
        } catch (IOException e) {
            throw new UncheckedIOException("lakehub sql printed no JSON document", e);
        }
    }

    /** The command line of the last run, e.g. to reach the hub a {@code run} started. */
    CommandLine last() {
        return last;
    }
}
