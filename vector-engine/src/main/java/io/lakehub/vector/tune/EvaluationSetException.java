package io.lakehub.vector.tune;

import java.util.List;

/** An evaluation set that cannot be used: unreadable, malformed, or not matching the index (every problem named). */
public final class EvaluationSetException extends IllegalArgumentException {

    private final List<String> problems;

    public EvaluationSetException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public EvaluationSetException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Each problem, naming the query (id and position) and the key or field. */
    public List<String> problems() {
        return problems;
    }
}
