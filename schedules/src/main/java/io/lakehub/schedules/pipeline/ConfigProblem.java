package io.lakehub.schedules.pipeline;

/**
 * One thing wrong in a configuration file, printed as {@code <file>:<line>: <key path>: <message>}
 * (line and key path left out when they do not apply). Never contains a secret or a resolved
 * placeholder value.
 *
 * @param file the file as the user named it, e.g. {@code config/lakehub.yaml}
 * @param line 1-based line, or 0 when the problem is with the file as a whole
 * @param keyPath e.g. {@code lakehub.pipelines[1].schedule}; empty when the problem is not at a key
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String file, int line, String keyPath, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(message).toString();
    }
}
