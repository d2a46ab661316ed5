package io.lakehub.app.cli;

import io.lakehub.app.api.document.ErasureVerificationDocument;
import io.lakehub.app.api.document.ErasureVerifyRequest;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.hub.HubApi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lakehub erasure verify DATASET VALUE} and {@code lakehub erasure show DATASET ID} (ADR 0031). */
@Command(
        name = "erasure",
        mixinStandardHelpOptions = true,
        description = "Follow and verify erasures.",
        subcommands = {ErasureCommand.Verify.class, ErasureCommand.Show.class})
final class ErasureCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return LakehubCommand.USAGE;
    }

    /** Exit 0 when no file holds the value, 1 when one does (listed). */
    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Prove that no file of the dataset (any snapshot, companions, orphans) holds VALUE;"
                    + " exit 1 when one does.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        ErasureCommand parent;

        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset.")
        String dataset;

        @Parameters(index = "1", paramLabel = "VALUE", description = "The erased value.")
        String value;

        @Option(names = "--key-column", paramLabel = "C", description = "Look at this column alone where it exists.")
        String keyColumn;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
        DocumentFormat format;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            ErasureVerificationDocument v;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                v = hub.verifyErasure(dataset, new ErasureVerifyRequest(value, keyColumn));
            }
            PrintWriter out = root.out();
            if (format == DocumentFormat.json) {
                out.println(Json.write(v));
            } else {
                out.println((v.erased() ? "erased: " : "NOT erased: ") + v.filesScanned() + " file(s) scanned in "
                        + String.join(", ", v.datasets()) + ", " + v.filesContaining() + " contain the value"
                        + (v.catalogStatistics() > 0
                                ? ", " + v.catalogStatistics() + " catalog statistics quote it"
                                : "")
                        + (v.pendingErasures() > 0
                                ? ", " + v.pendingErasures() + " unfinished erasure(s) hold it"
                                : ""));
                for (ErasureVerificationDocument.FileFinding f : v.files()) {
                    out.println("  " + f.path() + (f.known() ? "" : " (orphan)") + ": " + String.join(", ", f.where()));
                }
            }
            return v.erased() ? 0 : LakehubCommand.REFUSED;
        }
    }

    /** One erasure's state and counts. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one erasure: state and counts.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ErasureCommand parent;

        @Parameters(index = "0", paramLabel = "DATASET", description = "The dataset.")
        String dataset;

        @Parameters(index = "1", paramLabel = "ID", description = "The erasure id.")
        long id;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
        DocumentFormat format;

        @Override
        public Integer call() {
            LakehubCommand root = parent.root;
            try (HubApi hub = root.connector().connect(root.properties(), false)) {
                EraseCommand.print(root.out(), hub.erasure(dataset, id), format);
            }
            return 0;
        }
    }
}
