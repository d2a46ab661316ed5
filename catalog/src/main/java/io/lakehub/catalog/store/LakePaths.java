package io.lakehub.catalog.store;

import io.lakehub.catalog.DatasetName;
import java.nio.file.Path;

/**
 * The rules for paths the catalog records and deletes. A data file's path is relative to the lake
 * root, '/'-separated and inside its dataset's folder; anything else is refused before it can be
 * stored, or resolved to a file that the catalog might delete.
 */
final class LakePaths {
    static final int MAX_LENGTH = 1024;

    private LakePaths() {}

    /**
     * Why {@code relativePath} cannot be a data file of {@code dataset}, or {@code null} when it
     * can.
     */
    static String problem(DatasetName dataset, String relativePath) {
        if (relativePath == null || relativePath.isEmpty()) {
            return "a data file path is empty";
        }
        if (relativePath.length() > MAX_LENGTH) {
            return "a data file path is longer than " + MAX_LENGTH + " characters";
        }
        String shown = "data file path '" + printable(relativePath) + "'";
        if (relativePath.indexOf('\\') >= 0 || relativePath.indexOf('\0') >= 0 || relativePath.startsWith("/")) {
            return shown + " must be relative to the lake with '/' separators";
        }
        String[] segments = relativePath.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return shown + " has an empty, '.' or '..' segment";
            }
        }
        if (segments.length < 2 || !segments[0].equals(dataset.value())) {
            return shown + " is not inside the folder of dataset '" + dataset + "'";
        }
        if (isTemporary(segments[segments.length - 1])) {
            return shown + " names a temporary file (*.tmp, .tmp-*), which the orphan sweep deletes";
        }
        return null;
    }

    /** A writer's unfinished file: swept once older than the grace period, never committed. */
    static boolean isTemporary(String fileName) {
        return fileName.endsWith(".tmp") || fileName.startsWith(".tmp-");
    }

    /** The file a checked relative path stands for; {@code null} if it would leave the lake. */
    static Path resolve(Path lakeRoot, String relativePath) {
        Path p = lakeRoot.resolve(relativePath).normalize();
        return p.startsWith(lakeRoot) && !p.equals(lakeRoot) ? p : null;
    }

    /** The catalog's spelling of a file under the lake: relative, '/'-separated. */
    static String relative(Path lakeRoot, Path file) {
        Path rel = lakeRoot.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static String printable(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        StringBuilder sb = new StringBuilder(shown.length());
        for (char ch : shown.toCharArray()) {
            sb.append(ch < 0x20 || ch == 0x7f ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return sb.toString();
    }
}
