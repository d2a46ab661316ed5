package io.lakehub.app.cli;

import io.lakehub.app.hub.HubApi;
import io.lakehub.app.iceberg.IcebergRebuild;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub iceberg rebuild NAME}: drops a dataset's Iceberg table and publishes it again from the
 * Lakehub catalog (ADR 0039, docs/iceberg.md). Through the running hub when one holds the home.
 */
@Command(
        name = "iceberg",
        mixinStandardHelpOptions = true,
        description = "The Iceberg tables published for the datasets (docs/iceberg.md).",
        subcommands = {IcebergCommand.Rebuild.class})
final class IcebergCommand {

    @ParentCommand
    LakehubCommand root;

    @Command(
            name = "rebuild",
            mixinStandardHelpOptions = true,
            description = "Drop a dataset's Iceberg table and publish it again from the Lakehub catalog.")
    static final class Rebuild implements Callable<Integer> {

        @ParentCommand
        IcebergCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
        String name;

        @Override
        public Integer call() {
            IcebergRebuild r;
            try (HubApi hub = parent.root.connector().connect(parent.root.properties(), false)) {
                r = hub.rebuildIceberg(name);
            }
            parent.root
                    .out()
                    .println(r.outcome().toLowerCase(java.util.Locale.ROOT) + " Iceberg table " + r.table() + " ("
                            + r.snapshots() + " snapshots)");
            return 0;
        }
    }
}
