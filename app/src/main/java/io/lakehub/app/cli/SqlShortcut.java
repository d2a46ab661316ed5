package io.lakehub.app.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lakehub.app.LakehubMain;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubFile;
import io.lakehub.app.text.SqlText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code lakehub sql "..."} through a running hub without the full command line (ADR 0059): the
 * launcher starts this entry point in a lean JVM (no class cache of the app's, C1 only) when the home
 * has a {@code hub.json} naming a live process. It reads that file, sends the query to the hub's
 * {@code POST /api/sql} asking for the text it prints ({@code Accept: text/plain} for a table, {@code
 * text/csv}, {@code application/json}) and writes the answer to stdout as it came, without Spring,
 * picocli or Jackson's data binding.
 *
 * <p>What the full command line would print is the contract: the same bytes on stdout, the same line on
 * stderr and exit code when the hub refuses (the code for those is the full command line's, loaded only
 * then). Whenever this entry point cannot be sure to behave the same (a command line other than {@code
 * [--home DIR] sql SQL [--format F]}, a home it cannot resolve as the application does, no live hub, a
 * refused connection) it runs the full command line in this JVM instead; once the query has been sent it
 * never does, so that the hub runs and audits it once.
 */
public final class SqlShortcut {
    /** Returned by {@link #run} when the full command line has to do the work. */
    static final int FULL_CLI = -1;

    /** {@code home:} as a key (YAML, nested or dotted, quoted or not) in a pipeline configuration file. */
    private static final String HOME_KEY = "home[\"']?\\s*:";

    private SqlShortcut() {}

    /**
     * {@code lakehub sql} through the running hub, or the full command line.
     *
     * @param args the arguments of {@code lakehub}, as {@link LakehubMain#main} takes them
     */
    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.getProperties(), System.out, System.err);
        if (code == FULL_CLI) {
            useFullClassPath();
            LakehubMain.main(args);
            return;
        }
        System.exit(code);
    }

    /**
     * Runs the query through the hub.
     *
     * @return the exit code, or {@link #FULL_CLI} when nothing has been sent and the full command line
     *     has to run the command
     */
    static int run(String[] args, Map<String, String> env, Properties system, PrintStream stdout, PrintStream stderr) {
        Invocation invocation = Invocation.parse(args);
        if (invocation == null) {
            return FULL_CLI;
        }
        Path home = home(invocation.home(), env, system, Path.of(""));
        if (home == null) {
            return FULL_CLI;
        }
        HubFile hub = liveHub(home);
        if (hub == null) {
            return FULL_CLI;
        }
        return query(hub, home.toAbsolutePath().normalize(), invocation, stdout, stderr);
    }

    /**
     * Makes the application's whole class path visible when this runs on {@link SqlShortcutLoader}:
     * before anything beyond the quick path runs.
     */
    static void useFullClassPath() {
        if (ClassLoader.getSystemClassLoader() instanceof SqlShortcutLoader loader) {
            loader.useFullClassPath();
        }
    }

    /** The accepted command line: {@code [--home DIR] sql SQL [--format table|json|csv]}. */
    record Invocation(String home, String sql, String format) {
        /**
         * The command line, or null for any other shape, including those picocli reads differently
         * ({@code -} for stdin, {@code @file}, {@code --}, options after {@code sql} other than {@code
         * --format}, an option given twice, help).
         */
        static Invocation parse(String[] args) {
            int i = 0;
            String home = null;
            if (args.length > 0 && args[0].equals("--home")) {
                if (args.length < 2) {
                    return null;
                }
                home = args[1];
                i = 2;
            } else if (args.length > 0 && args[0].startsWith("--home=")) {
                home = args[0].substring("--home=".length());
                i = 1;
            }
            if (home != null && (home.isEmpty() || home.startsWith("-") || home.startsWith("@"))) {
                return null;
            }
            if (i >= args.length || !args[i].equals("sql")) {
                return null;
            }
            String sql = null;
            String format = null;
            for (i++; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--format") || a.startsWith("--format=")) {
                    if (format != null) {
                        return null;
                    }
                    if (a.equals("--format")) {
                        if (i + 1 >= args.length) {
                            return null;
                        }
                        format = args[++i];
                    } else {
                        format = a.substring("--format=".length());
                    }
                } else if (a.startsWith("-") || a.startsWith("@") || sql != null) {
                    return null;
                } else {
                    sql = a;
                }
            }
            if (sql == null) {
                return null;
            }
            String output = format == null ? "table" : format(format);
            return output == null ? null : new Invocation(home, sql, output);
        }

        /** table, json or csv, in any case as picocli reads the enum; null for anything else. */
        private static String format(String value) {
            for (SqlCommand.Output o : SqlCommand.Output.values()) {
                if (o.name().equalsIgnoreCase(value)) {
                    return o.name();
                }
            }
            return null;
        }
    }

    /**
     * The home the full command line would use: {@code --home}, else {@code LAKEHUB_HOME}, else {@code
     * ./data}; null when another source may set it (a system property {@code lakehub.home} or {@code
     * lakehub.config}, another spelling of the variables, an application settings file, a pipeline
     * configuration that names a home other than in the plain form of {@link #plainHome}).
     */
    static Path home(String explicit, Map<String, String> env, Properties system, Path workingDirectory) {
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (String name : system.stringPropertyNames()) {
            // As Spring's binder reads property names: any case, dashes and underscores ignored, [key] as .key
            String relaxed = name.toLowerCase(Locale.ROOT)
                    .replace("-", "")
                    .replace("_", "")
                    .replace('[', '.')
                    .replace("]", "");
            if (relaxed.equals("lakehub.home") || relaxed.equals("lakehub.config")) {
                return null;
            }
        }
        String fromEnv = null;
        String configFromEnv = null;
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            String relaxed = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (relaxed.equals("LAKEHUB_HOME") || relaxed.equals("LAKEHUB_CONFIG")) {
                if (!name.equals(relaxed)) {
                    return null; // Spring binds lakehub_home and the like too: leave the choice to it
                }
                if (relaxed.equals("LAKEHUB_HOME")) {
                    fromEnv = variable.getValue();
                } else {
                    configFromEnv = variable.getValue();
                }
            }
        }
        if (fromEnv != null) {
            return fromEnv.isEmpty() ? null : Path.of(fromEnv);
        }
        for (String file : SettingsFiles.APPLICATION) {
            if (Files.exists(workingDirectory.resolve(file))) {
                return null;
            }
        }
        Path config =
                workingDirectory.resolve(configFromEnv != null ? configFromEnv : SettingsFiles.DEFAULT_PIPELINE_CONFIG);
        if (Files.exists(config)) {
            try {
                String text = Files.readString(config);
                if (Pattern.compile(HOME_KEY).matcher(text).find()) {
                    String plain = plainHome(text);
                    return plain == null ? null : Path.of(plain);
                }
            } catch (IOException | RuntimeException e) {
                return null; // the full command line reports what is wrong with it
            }
        }
        return Path.of("./data");
    }

    /**
     * The home a pipeline configuration file names in its plain form, as the launcher reads it ({@code
     * lakehub_config_home}): one document, exactly one line that is a {@code home:} key, and it is {@code  home:
     * PATH} (two spaces) under the top-level {@code lakehub:} with a PATH of letters, digits and {@code -_./}
     * (a trailing comment allowed); null for any other form (quotes, placeholders, several documents, another
     * {@code home} key), which is left to the full command line. The quickstart's {@code config/lakehub.yaml}
     * ({@code home: ./data}) is of this form.
     */
    static String plainHome(String yaml) {
        boolean inLakehub = false;
        int keys = 0;
        String found = null;
        for (String line : yaml.split("\\R", -1)) {
            if (line.startsWith("---") || line.startsWith("...")) {
                return null;
            }
            if (TOP_LEVEL.matcher(line).lookingAt()) {
                inLakehub = LAKEHUB_KEY.matcher(line).matches();
            }
            if (LINE_HOME_KEY.matcher(line).lookingAt()) {
                keys++;
                java.util.regex.Matcher plain = PLAIN_HOME.matcher(line);
                if (inLakehub && plain.matches()) {
                    found = plain.group(1);
                }
            }
        }
        return keys == 1 ? found : null;
    }

    private static final Pattern TOP_LEVEL = Pattern.compile("[^\\s#]");
    private static final Pattern LAKEHUB_KEY = Pattern.compile("lakehub:\\s*(#.*)?");
    private static final Pattern LINE_HOME_KEY = Pattern.compile("\\s*home\\s*:");
    private static final Pattern PLAIN_HOME = Pattern.compile("  home:\\s+([-_./A-Za-z0-9]+)\\s*(#.*)?");

    /**
     * The hub that holds {@code home}: its {@code hub.json}, when the lock file names that process as a
     * hub and it is alive; else null (the full command line then decides, as {@link HubConnector} does).
     */
    static HubFile liveHub(Path home) {
        HubFile hub = HubFile.readQuick(home).orElse(null);
        if (hub == null) {
            return null; // none, or not as a hub writes it: the full command line says what is wrong
        }
        OptionalLong holder = HomeLock.recordedHub(home);
        if (holder.isEmpty() || holder.getAsLong() != hub.pid()) {
            return null;
        }
        ProcessHandle process = ProcessHandle.of(hub.pid()).orElse(null);
        return process != null && process.isAlive() ? hub : null;
    }

    /**
     * Sends the query and prints the answer.
     *
     * @param home the home as the full command line names it in messages (absolute, normalised)
     */
    static int query(HubFile hub, Path home, Invocation invocation, PrintStream stdout, PrintStream stderr) {
        byte[] request = requestBody(invocation.sql());
        HttpURLConnection connection;
        try {
            connection = HubRequests.open(hub.baseUrl().concat("/api/sql"), "POST", accept(invocation.format()));
            HubRequests.announceJson(connection, request);
            connection.connect();
        } catch (IOException | RuntimeException e) {
            // Nothing was sent: the full command line tries again and says what is wrong, as it would have.
            return FULL_CLI;
        }
        int status;
        String contentType;
        byte[] body;
        try {
            HubRequests.writeBody(connection, request);
            status = connection.getResponseCode();
            contentType = connection.getContentType();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            body = in == null ? new byte[0] : readAll(in);
        } catch (IOException e) {
            return Failure.noAnswer(hub, home, e, stderr);
        } finally {
            connection.disconnect();
        }
        if (status / 100 != 2) {
            return Failure.refused(status, body, stderr);
        }
        if (invocation.format().equals("json")
                || (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/"))) {
            print(invocation.format(), body, stdout);
            return 0;
        }
        return Failure.renderJson(hub, home, invocation.format(), body, stdout, stderr);
    }

    /** The text formats ask for JSON as the second choice, which a hub from before ADR 0059 answers. */
    static String accept(String format) {
        return switch (format) {
            case "table" -> "text/plain, application/json;q=0.5";
            case "csv" -> "text/csv, application/json;q=0.5";
            default -> "application/json";
        };
    }

    /** {@code {"sql":"..."}}, as the full command line sends it. */
    static byte[] requestBody(String sql) {
        StringBuilder json = new StringBuilder(sql.length() + 16).append("{\"sql\":\"");
        JsonStringEncoder.getInstance().quoteAsString(sql, json);
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes what {@link SqlCommand} prints: the JSON answer and a line end, or the text answer as it
     * came. Encoded as picocli's standard output is, in the JVM's default charset (UTF-8 unless changed).
     */
    private static void print(String format, byte[] body, PrintStream stdout) {
        Charset charset = Charset.defaultCharset();
        if (format.equals("json")) {
            String text = new String(body, StandardCharsets.UTF_8);
            stdout.writeBytes(encode(text.concat(System.lineSeparator()), charset));
        } else {
            stdout.writeBytes(
                    charset.equals(StandardCharsets.UTF_8)
                            ? body
                            : encode(new String(body, StandardCharsets.UTF_8), charset));
        }
        stdout.flush();
    }

    /**
     * The paths off the quick one, where the full command line's classes do the work as there (loaded
     * only then: a class of their own, so that verifying {@link SqlShortcut} loads none of them).
     */
    private static final class Failure {
        private Failure() {}

        /** The hub broke off the call after the query may have reached it. */
        static int noAnswer(HubFile hub, Path home, IOException e, PrintStream stderr) {
            useFullClassPath();
            return report(RemoteHubApi.noAnswer(hub, home, e), stderr);
        }

        /** The hub refused the query: its error document's message, exit code 1 (4xx) or 3 (5xx). */
        static int refused(int status, byte[] body, PrintStream stderr) {
            useFullClassPath();
            return report(RemoteHubApi.refusal(status, new String(body, StandardCharsets.UTF_8)), stderr);
        }

        /** A hub from before ADR 0059 answered the text request with its JSON document: rendered here. */
        static int renderJson(
                HubFile hub, Path home, String format, byte[] body, PrintStream stdout, PrintStream stderr) {
            useFullClassPath();
            try {
                SqlResponse document =
                        new RemoteHubApi(hub, home).sqlResponse(new String(body, StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, Charset.defaultCharset()));
                if (format.equals("csv")) {
                    SqlText.csv(document, out);
                } else {
                    SqlText.table(document, out);
                }
                out.flush();
                return 0;
            } catch (RuntimeException e) {
                return report(e, stderr);
            }
        }

        /** As the full command line's handler ({@link LakehubCommand#commandLine}) reports a failed command. */
        private static int report(RuntimeException e, PrintStream stderr) {
            stderr.writeBytes(encode(
                    "lakehub: " + LakehubCommand.messageOf(e) + System.lineSeparator(), Charset.defaultCharset()));
            stderr.flush();
            return LakehubCommand.exitCodeOf(e);
        }
    }

    private static byte[] encode(String text, Charset charset) {
        return text.getBytes(charset);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
