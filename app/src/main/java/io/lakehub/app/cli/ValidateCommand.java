package io.lakehub.app.cli;

import io.lakehub.app.pipelines.PipelineChecks;
import io.lakehub.app.pipelines.PipelineConfigFile;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub validate [--config FILE]}: checks the pipeline configuration as the hub would at
 * start-up, without starting anything. Exit 0 with a one-line summary, or 1 with every problem on
 * stderr, one per line, each naming file, line and key.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check the pipeline configuration without starting anything.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Override
    public Integer call() {
        Optional<Path> file = root.configFile();
        if (file.isEmpty()) {
            root.err()
                    .println("lakehub: no pipeline configuration: config/lakehub.yaml does not exist here;"
                            + " pass --config FILE.");
            return LakehubCommand.REFUSED;
        }
        List<ConfigProblem> problems = problems(file.get());
        if (!problems.isEmpty()) {
            PrintWriter err = root.err();
            problems.forEach(err::println);
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "; the hub would refuse to start with this file.");
            err.flush();
            return LakehubCommand.REFUSED;
        }
        int n = PipelineConfigFile.loader().load(file.get()).pipelines().size();
        root.out().println(file.get() + ": " + n + (n == 1 ? " pipeline" : " pipelines") + " OK");
        return 0;
    }

    /** Every problem the hub would refuse the file for; shared with {@code run}'s pre-start check. */
    static List<ConfigProblem> problems(Path file) {
        PipelineConfig config;
        try {
            config = PipelineConfigFile.loader().load(file);
        } catch (PipelineConfigException e) {
            return e.problems();
        }
        return PipelineChecks.problems(config);
    }
}
