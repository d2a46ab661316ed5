package io.lakehub.app.cli;

import io.lakehub.app.hub.HubBackends;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;

/** Runs {@code lakehub} commands in-process and captures what they print. */
final class CliRunner {
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
        CommandLine cli = LakehubCommand.commandLine(backends, patience);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        last = cli;
        return new Result(code, out.toString(), err.toString());
    }

    /** The command line of the last run, e.g. to reach the hub a {@code run} started. */
    CommandLine last() {
        return last;
    }
}
