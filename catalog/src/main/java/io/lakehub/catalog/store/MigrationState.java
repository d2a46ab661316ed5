package io.lakehub.catalog.store;

import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a catalog database already holds exactly the migrations this build bundles, so that
 * opening it need not start Flyway, whose own start cost a fifth of a CLI command (docs/startup.md,
 * ADR 0018). Conservative: anything it does not fully understand (a missing or failed history
 * row, a baseline, a repeatable or Java migration, a migration the build does not bundle, more than
 * one migration folder on the class path) answers "not known to be current", and Flyway runs as
 * before, with its own checks and errors. Checksums are not compared here; the hub's start, which
 * always runs Flyway, still validates them.
 */
final class MigrationState {
    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private MigrationState() {}

    /** True only when every bundled migration is applied successfully and nothing else is. */
    static boolean isCurrent(DataSource dataSource) {
        Optional<Set<List<BigInteger>>> bundled = bundledVersions();
        if (bundled.isEmpty() || bundled.get().isEmpty()) {
            return false;
        }
        Set<List<BigInteger>> applied = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\"")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if ("TABLE".equals(rows.getString(2)) && version == null) {
                    continue; // Flyway's marker row for having created the history table itself
                }
                if (version == null || !"SQL".equals(rows.getString(2)) || !rows.getBoolean(3)) {
                    return false;
                }
                applied.add(parse(version));
            }
        } catch (SQLException | RuntimeException e) {
            // No history table yet, or one this check does not understand: Flyway decides.
            return false;
        }
        return applied.equals(bundled.get());
    }

    /** The versions of the {@code V<version>__*.sql} files in the one migration folder on the class path. */
    static Optional<Set<List<BigInteger>>> bundledVersions() {
        List<URL> folders;
        try {
            folders = Collections.list(MigrationState.class.getClassLoader().getResources(LOCATION));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (folders.size() != 1) {
            return Optional.empty();
        }
        List<String> names;
        try {
            names = fileNames(folders.get(0));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        Set<List<BigInteger>> versions = new HashSet<>();
        for (String name : names) {
            Matcher m = VERSIONED.matcher(name);
            if (!m.matches()) {
                return Optional.empty();
            }
            versions.add(parse(m.group(1)));
        }
        return Optional.of(versions);
    }

    /** "1.10", "1_10" and "1.10.0" are one version, as for Flyway. */
    static List<BigInteger> parse(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return List.copyOf(parts);
    }

    private static List<String> fileNames(URL folder) throws IOException, URISyntaxException {
        if ("file".equals(folder.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                return files.map(p -> p.getFileName().toString()).toList();
            }
        }
        if (folder.openConnection() instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = jar.getEntryName() + "/";
            List<String> names = new ArrayList<>();
            try (JarFile file = jar.getJarFile()) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(prefix)) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
            return names;
        }
        return null;
    }
}
