package io.lakehub.schedules.pipeline;

import io.lakehub.catalog.LakehubException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pipeline configuration was refused. The message lists every problem found, one per line,
 * each naming file, line and key; nothing was started.
 */
public class PipelineConfigException extends LakehubException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public PipelineConfigException(List<ConfigProblem> problems) {
        this(problems, null);
    }

    public PipelineConfigException(List<ConfigProblem> problems, Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return "The pipeline configuration has " + problems.size() + " " + noun + "; no pipeline was started:\n"
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
