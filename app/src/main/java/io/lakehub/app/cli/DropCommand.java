package io.lakehub.app.cli;

import io.lakehub.app.hub.HubApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub drop NAME}: deletes a dataset (its snapshots, files, schema versions and lineage),
 * audited as {@code dataset.drop}. Through the running hub when one holds the home. Exit 1 when
 * there is no such dataset.
 */
@Command(
        name = "drop",
        mixinStandardHelpOptions = true,
        description = "Delete a dataset, its history and its files (audited; irreversible).")
final class DropCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The dataset.")
    String name;

    @Override
    public Integer call() {
        try (HubApi hub = root.connector().connect(root.properties(), false)) {
            hub.drop(name);
        }
        root.out().println("dropped dataset " + name);
        return 0;
    }
}
