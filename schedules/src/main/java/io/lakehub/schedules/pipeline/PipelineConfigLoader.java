package io.lakehub.schedules.pipeline;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.processors.governance.PiiConfig;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.source.jdbc.JdbcSourceRefusedException;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.schedules.MisfirePolicy;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the {@code lakehub.pipelines} section of a Spring Boot style YAML file ({@code
 * config/lakehub.yaml} or {@code --config FILE}) into validated {@link PipelineDefinition}s.
 *
 * <p>Every problem in the file is collected, then all are reported together in one {@link
 * PipelineConfigException}, each as {@code <file>:<line>: <key path>: <message>}: unknown keys (with
 * the closest known key), missing keys, invalid ids, duplicate ids, dataset names, formats, modes,
 * cron expressions, time zones, misfire policies, error handling, endpoint URIs, and {@code ${ENV}}
 * placeholders whose variable is not set. Messages never contain a secret or a value that came from
 * the environment. Other keys under {@code lakehub:} ({@code home}, ...) belong to the app and are
 * only checked for being a misspelt {@code pipelines}, unless the app passes the full list of its
 * keys.
 *
 * <p>Thread-safe; the environment is read once, at construction.
 */
public final class PipelineConfigLoader {

    /** Where the hub looks when no {@code --config} is given, relative to its working directory. */
    public static final Path DEFAULT_LOCATION = Path.of("config", "lakehub.yaml");

    static final Pattern PIPELINE_ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final Class<?> STEP_INTERFACE = io.lakehub.processors.chain.Step.class;
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*\\S.*", Pattern.DOTALL);
    private static final int MAX_RETRIES = 100;

    private static final List<String> PIPELINE_KEYS = PipelineKey.keysUnder("");
    private static final List<String> TRIGGER_KEYS = PipelineKey.keysUnder("trigger");
    private static final List<String> ON_ERROR_KEYS = PipelineKey.keysUnder("onError");
    private static final List<String> JDBC_KEYS = PipelineKey.keysUnder("jdbc");
    private static final List<String> DELETED_KEYS = PipelineKey.keysUnder("deleted");
    private static final List<String> WEBHOOK_KEYS = PipelineKey.keysUnder("webhook");
    /** {@code from:} naming the HTTP webhook source rather than a Camel endpoint URI. */
    static final String FROM_WEBHOOK = "webhook";
    /** The pseudo endpoint of a {@code from: webhook} pipeline: {@code lakehub-webhook:<pipeline id>}. */
    public static final String WEBHOOK_SCHEME = "lakehub-webhook";
    /** {@code from:} naming the database poller rather than a Camel endpoint URI. */
    static final String FROM_JDBC = "jdbc";
    /** The Camel endpoint a {@code from: jdbc} pipeline reads from: {@code lakehub-jdbc:<pipeline id>}. */
    public static final String JDBC_SCHEME = "lakehub-jdbc";

    private static final List<String> CDC_KEYS = PipelineKey.keysUnder("cdc");
    /** {@code from:} naming PostgreSQL change data capture rather than a Camel endpoint URI. */
    static final String FROM_CDC = "cdc";
    /** The Camel endpoint a {@code from: cdc} pipeline reads from: {@code lakehub-cdc:<pipeline id>}. */
    public static final String CDC_SCHEME = "lakehub-cdc";

    private static final int MAX_PAGE_SIZE = 10_000_000;
    private static final List<String> STEP_KEYS = PipelineKey.keysUnder("steps");
    private static final List<String> EMBED_KEYS = PipelineKey.keysUnder("embed");
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> STEP_KINDS = List.of("drop-columns", "rename-columns", "class", "processor");
    private static final String PIPELINES = "pipelines";

    private final Map<String, String> env;
    private final Set<String> knownLakehubKeys;

    /** Resolves placeholders from this process's environment. */
    public PipelineConfigLoader() {
        this(System.getenv());
    }

    /** Resolves placeholders from {@code env} (a copy is taken). */
    public PipelineConfigLoader(Map<String, String> env) {
        this(env, null);
    }

    /**
     * @param env environment for {@code ${NAME}} placeholders (a copy is taken)
     * @param knownLakehubKeys every key the app accepts directly under {@code lakehub:} besides
     *     {@code pipelines}; when given, any other key there is refused as unknown. {@code null}
     *     leaves those keys to the app.
     */
    public PipelineConfigLoader(Map<String, String> env, Set<String> knownLakehubKeys) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.knownLakehubKeys = knownLakehubKeys == null ? null : Set.copyOf(knownLakehubKeys);
    }

    /**
     * Reads and validates the file.
     *
     * @throws PipelineConfigException listing every problem found; nothing may be started then
     */
    public PipelineConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineConfigException(List.of(unreadable(name, e)), e);
        }
        return parse(text, name);
    }

    /**
     * Validates the file without throwing, for {@code ./lakehub validate}: the problems found, empty
     * when the file is valid.
     */
    public List<ConfigProblem> validate(Path file) {
        try {
            load(file);
            return List.of();
        } catch (PipelineConfigException e) {
            return e.problems();
        }
    }

    /**
     * Parses YAML text as if read from a file named {@code fileName} (used in messages).
     *
     * @throws PipelineConfigException listing every problem found
     */
    public PipelineConfig parse(String yaml, String fileName) {
        return new Parse(fileName).run(yaml);
    }

    private static ConfigProblem unreadable(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ConfigProblem(name, 0, "", "the file does not exist");
        }
        if (e instanceof CharacterCodingException) {
            return new ConfigProblem(name, 0, "", "the file is not UTF-8 text");
        }
        return new ConfigProblem(
                name, 0, "", "the file cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }

    /** One parse of one file: collects problems while building definitions. */
    private final class Parse {
        private final String file;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Placeholders placeholders = new Placeholders(env);
        private final Map<String, String> idsSeen = new HashMap<>();
        /** Replication slots of {@code from: cdc} pipelines, by database URL and slot, to where they are first used. */
        private final Map<String, String> slotsSeen = new HashMap<>();

        Parse(String file) {
            this.file = file;
        }

        PipelineConfig run(String yaml) {
            List<PipelineDefinition> pipelines = new ArrayList<>();
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowRecursiveKeys(false);
                Yaml parser = new Yaml(new SafeConstructor(options));
                Node pipelinesFoundAt = null;
                for (Node document : parser.composeAll(new StringReader(yaml))) {
                    Node list = pipelinesOf(document);
                    if (list == null) {
                        continue;
                    }
                    if (pipelinesFoundAt != null) {
                        problem(
                                list,
                                "lakehub.pipelines",
                                "pipelines are declared in more than one YAML document" + " (first at line "
                                        + line(pipelinesFoundAt) + "); declare them once");
                        continue;
                    }
                    pipelinesFoundAt = list;
                    pipelines.addAll(pipelines(list));
                }
            } catch (MarkedYAMLException e) {
                // Problem and context only: the full message quotes the offending line, which may hold a secret.
                int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
                String what = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
                if (e.getContextMark() != null && e.getContextMark().getLine() + 1 != line) {
                    what += " (what is unfinished starts at line "
                            + (e.getContextMark().getLine() + 1) + ")";
                }
                problems.add(new ConfigProblem(file, line, "", "not valid YAML: " + what));
            } catch (YAMLException e) {
                problems.add(new ConfigProblem(file, 0, "", "not valid YAML: " + e.getMessage()));
            }
            if (!problems.isEmpty()) {
                List<ConfigProblem> sorted = new ArrayList<>(problems);
                sorted.sort(Comparator.comparingInt(ConfigProblem::line));
                throw new PipelineConfigException(sorted);
            }
            return new PipelineConfig(file, pipelines);
        }

        /** The node under lakehub.pipelines in this document, or null. */
        private Node pipelinesOf(Node document) {
            if (!(document instanceof MappingNode root)) {
                if (!isNull(document)) {
                    problem(document, "", "expected a mapping of keys at the top of the file (lakehub: ...)");
                }
                return null;
            }
            Node lakehub = null;
            for (NodeTuple t : root.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("lakehub")) {
                    lakehub = t.getValueNode();
                }
            }
            if (lakehub == null || isNull(lakehub)) {
                return null;
            }
            if (!(lakehub instanceof MappingNode section)) {
                problem(lakehub, "lakehub", "expected a mapping of keys (home:, pipelines:, ...)");
                return null;
            }
            Node found = null;
            for (NodeTuple t : section.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                String key = k.getValue();
                if (KeySuggestions.canonical(key).equals(PIPELINES)) {
                    found = t.getValueNode();
                } else if (knownLakehubKeys != null) {
                    if (knownLakehubKeys.stream()
                            .noneMatch(
                                    known -> KeySuggestions.canonical(known).equals(KeySuggestions.canonical(key)))) {
                        List<String> known = new ArrayList<>(knownLakehubKeys);
                        known.add(PIPELINES);
                        known.sort(null);
                        problem(k, "lakehub." + key, unknownKey(key, known));
                    }
                } else if (KeySuggestions.distance(KeySuggestions.canonical(key), PIPELINES) <= 2) {
                    problem(k, "lakehub." + key, "unknown key '" + key + "' (did you mean 'pipelines'?)");
                }
            }
            return found == null || isNull(found) ? null : found;
        }

        private List<PipelineDefinition> pipelines(Node list) {
            if (!(list instanceof SequenceNode sequence)) {
                problem(list, "lakehub.pipelines", "expected a list of pipelines, each starting with '- id: ...'");
                return List.of();
            }
            List<PipelineDefinition> result = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String path = "lakehub.pipelines[" + i + "]";
                if (!(item instanceof MappingNode mapping)) {
                    problem(item, path, "expected a pipeline (a mapping with id:, from:, into:, ...)");
                    continue;
                }
                PipelineDefinition definition = pipeline(mapping, path);
                if (definition != null) {
                    result.add(definition);
                }
            }
            return result;
        }

        /** The definition, or null when it has problems (already recorded). */
        private PipelineDefinition pipeline(MappingNode node, String path) {
            int before = problems.size();
            Map<String, Entry> keys = keys(node, path, PIPELINE_KEYS);

            String id = required(node, path, keys, "id", "the pipeline's unique id, e.g. id: people");
            if (id != null) {
                id = pipelineId(keys.get("id"), id);
            }
            EndpointUri from = null;
            boolean fromJdbc = keys.containsKey("from")
                    && keys.get("from").value() instanceof ScalarNode f
                    && f.getValue().strip().equalsIgnoreCase(FROM_JDBC);
            boolean fromCdc = keys.containsKey("from")
                    && keys.get("from").value() instanceof ScalarNode f
                    && f.getValue().strip().equalsIgnoreCase(FROM_CDC);
            boolean fromWebhook = keys.containsKey("from")
                    && keys.get("from").value() instanceof ScalarNode w
                    && w.getValue().strip().equalsIgnoreCase(FROM_WEBHOOK);
            if (fromJdbc) {
                from = new EndpointUri(FROM_JDBC, JDBC_SCHEME + ":" + (id == null ? "invalid" : id));
            } else if (fromCdc) {
                from = new EndpointUri(FROM_CDC, CDC_SCHEME + ":" + (id == null ? "invalid" : id));
            } else if (fromWebhook) {
                from = new EndpointUri(FROM_WEBHOOK, WEBHOOK_SCHEME + ":" + (id == null ? "invalid" : id));
            } else if (keys.containsKey("from")) {
                from = endpoint(keys.get("from"));
            } else {
                missing(node, path, "from", "the Camel endpoint URI to read from, e.g. from: \"file:inbox/people\"");
            }
            Format format = optional(keys, "format") == null ? null : format(keys.get("format"));
            DatasetName into = null;
            String intoValue = required(node, path, keys, "into", "the dataset to write into, e.g. into: people");
            if (intoValue != null) {
                try {
                    into = DatasetName.of(intoValue.strip());
                } catch (InvalidDatasetNameException e) {
                    problem(keys.get("into").value(), keys.get("into").path(), e.getMessage());
                }
            }
            WriteMode mode = optional(keys, "mode") == null
                    ? (fromCdc ? WriteMode.UPSERT : WriteMode.APPEND)
                    : mode(keys.get("mode"));
            List<String> key = keys.containsKey("key") ? keyColumns(keys.get("key")) : List.of();
            if (mode == WriteMode.UPSERT && key.isEmpty() && !keys.containsKey("key")) {
                problem(
                        keys.get("mode").value(),
                        keys.get("mode").path(),
                        "mode upsert needs key: the columns that identify a row, e.g. key: [candidate_id]");
            }
            String schedule = optional(keys, "schedule") == null ? null : cron(keys.get("schedule"));
            boolean scheduled = keys.containsKey("schedule") && optional(keys, "schedule") != null;
            ZoneId timezone = null;
            if (optional(keys, "timezone") != null) {
                timezone = zone(keys.get("timezone"));
                if (!scheduled) {
                    problem(
                            keys.get("timezone").key(),
                            keys.get("timezone").path(),
                            "a timezone only applies to a schedule, and this pipeline has no schedule");
                }
            }
            MisfirePolicy misfire = MisfirePolicy.FIRE_ONCE_NOW;
            if (optional(keys, "misfire") != null) {
                misfire = misfire(keys.get("misfire"));
                if (!scheduled) {
                    problem(
                            keys.get("misfire").key(),
                            keys.get("misfire").path(),
                            "a misfire policy only applies to a schedule, and this pipeline has no schedule");
                }
            }
            Secret secret = keys.containsKey("trigger") ? trigger(keys.get("trigger")) : null;
            OnError onError = keys.containsKey("onError") ? onError(keys.get("onError")) : OnError.DEFAULT;
            List<StepConfig> steps = optional(keys, "steps") == null ? List.of() : steps(keys.get("steps"));
            BadRowPolicy badRows = badRows(keys);
            JdbcSourceSpec jdbc = null;
            if (fromJdbc) {
                for (String only : List.of("on_bad_rows", "max_bad_rows")) {
                    if (optional(keys, only) != null) {
                        problem(
                                keys.get(only).key(),
                                keys.get(only).path(),
                                only + " only applies to files; from: jdbc reads typed rows, none of them bad");
                    }
                }
                if (format != null) {
                    problem(
                            keys.get("format").key(),
                            keys.get("format").path(),
                            "a format only applies to files; from: jdbc reads typed columns");
                }
                if (optional(keys, "jdbc") == null) {
                    missing(
                            node,
                            path,
                            "jdbc",
                            "from: jdbc needs the database to read, e.g. jdbc: { url: \"jdbc:postgresql://host/db\","
                                    + " user: app, table: public.orders, cursor: [updated_at, id] }");
                } else {
                    Deleted deletes = optional(keys, "deleted") == null ? null : deleted(keys.get("deleted"));
                    String deletedColumn = deletes == null ? null : deletes.column();
                    Duration compareKeys = deletes == null ? null : deletes.compareKeys();
                    if (deletes != null && mode == WriteMode.APPEND) {
                        problem(
                                keys.get("deleted").key(),
                                keys.get("deleted").path(),
                                "deletes need mode: upsert with a key (a deleted row hides its key); with mode:"
                                        + " append every row is kept. Add mode: upsert and key: [...] or remove"
                                        + " deleted:");
                        deletedColumn = null;
                        compareKeys = null;
                    }
                    jdbc = jdbc(keys.get("jdbc"), id, mode, key, deletedColumn, compareKeys);
                }
            } else {
                for (String only : List.of("jdbc", "deleted")) {
                    if (keys.containsKey(only)) {
                        problem(
                                keys.get(only).key(),
                                keys.get(only).path(),
                                only + " only applies to from: jdbc (the database poller)");
                    }
                }
            }

            CdcSourceSpec cdc = fromCdc ? cdcPipeline(node, path, keys, id, mode, key) : null;
            if (!fromCdc && keys.containsKey("cdc")) {
                problem(
                        keys.get("cdc").key(),
                        keys.get("cdc").path(),
                        "cdc only applies to from: cdc (PostgreSQL change data capture)");
            }
            Secret webhookSecret = webhookSource(node, path, keys, fromWebhook, scheduled, format);

            if (problems.size() > before) {
                return null;
            }
            return new PipelineDefinition(
                    id,
                    from,
                    format,
                    into,
                    mode,
                    key,
                    schedule,
                    timezone,
                    misfire,
                    secret,
                    onError,
                    steps,
                    jdbc,
                    badRows,
                    file + ":" + line(node),
                    cdc,
                    webhookSecret,
                    pii(keys.get("pii")),
                    embed(optional(keys, "embed")));
        }

        /** {@code embed: { index: NAME | [NAMES] }} or a list of {@code { index: NAME }}; empty when absent. */
        private List<EmbedConfig> embed(Entry entry) {
            if (entry == null) {
                return List.of();
            }
            List<EmbedConfig> result = new ArrayList<>();
            if (entry.value() instanceof MappingNode mapping) {
                embedMapping(mapping, entry.path(), result);
            } else if (entry.value() instanceof SequenceNode seq) {
                for (int i = 0; i < seq.getValue().size(); i++) {
                    Node item = seq.getValue().get(i);
                    String itemPath = entry.path() + "[" + i + "]";
                    if (item instanceof MappingNode mapping) {
                        embedMapping(mapping, itemPath, result);
                    } else {
                        problem(item, itemPath, "expected { index: NAME }");
                    }
                }
            } else {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected { index: NAME }, { index: [A, B] } or a list of { index: NAME }");
            }
            Set<String> seen = new java.util.HashSet<>();
            for (EmbedConfig e : result) {
                if (!seen.add(e.index())) {
                    problems.add(e.problem("vector index '" + e.index() + "' is listed twice"));
                }
            }
            return result;
        }

        private void embedMapping(MappingNode mapping, String path, List<EmbedConfig> into) {
            Map<String, Entry> keys = keys(mapping, path, EMBED_KEYS);
            Entry index = keys.get("index");
            if (index == null || isNull(index.value())) {
                missing(mapping, path, "index", "the name of a vector index to refresh after each commit");
                return;
            }
            List<Node> names = index.value() instanceof SequenceNode seq ? seq.getValue() : List.of(index.value());
            if (names.isEmpty()) {
                problem(index.value(), index.path(), "is empty; name the vector indexes to refresh");
            }
            for (int i = 0; i < names.size(); i++) {
                Node name = names.get(i);
                String namePath = index.value() instanceof SequenceNode ? index.path() + "[" + i + "]" : index.path();
                Text text = text(new Entry(namePath, index.key(), name));
                if (text == null) {
                    if (isNull(name)) {
                        problem(name, namePath, "expected a vector index name");
                    }
                    continue;
                }
                String value = text.resolved().strip();
                if (!INDEX_NAME.matcher(value).matches()) {
                    problem(
                            name,
                            namePath,
                            quote(text.template()) + " is not a vector index name ([a-z][a-z0-9_]{0,62})");
                    continue;
                }
                into.add(new EmbedConfig(value, file, line(name), namePath));
            }
        }

        /**
         * The keys of a {@code from: cdc} pipeline: the {@code cdc:} block, an upsert keyed by the
         * table's primary key, no schedule, no file options. Null with the problems recorded.
         */
        private CdcSourceSpec cdcPipeline(
                MappingNode node, String path, Map<String, Entry> keys, String id, WriteMode mode, List<String> key) {
            for (String only : List.of("format", "on_bad_rows", "max_bad_rows")) {
                if (optional(keys, only) != null) {
                    problem(
                            keys.get(only).key(),
                            keys.get(only).path(),
                            only + " only applies to files; from: cdc reads typed changes of a table");
                }
            }
            if (optional(keys, "schedule") != null) {
                problem(
                        keys.get("schedule").key(),
                        keys.get("schedule").path(),
                        "from: cdc streams changes as they are committed; remove the schedule");
            }
            if (mode == WriteMode.APPEND) {
                problem(
                        keys.get("mode").value(),
                        keys.get("mode").path(),
                        "from: cdc upserts by the table's primary key (an update replaces its row, a delete hides"
                                + " it); write mode: upsert or leave mode out");
            }
            if (key.isEmpty() && !keys.containsKey("key")) {
                missing(
                        node,
                        path,
                        "key",
                        "from: cdc upserts by the table's primary key; name its columns, e.g. key: [id]");
            }
            if (optional(keys, "cdc") == null) {
                missing(
                        node,
                        path,
                        "cdc",
                        "from: cdc needs the table to capture, e.g. cdc: { url: \"jdbc:postgresql://host/db\","
                                + " user: lakehub, tables: [public.orders], slot: lakehub_orders }");
                return null;
            }
            return cdc(keys.get("cdc"), id);
        }

        /** The change data capture's spec, or null with the problems recorded. */
        private CdcSourceSpec cdc(Entry entry, String id) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping, e.g. cdc: { url: \"jdbc:postgresql://host/db\", user: lakehub, tables:"
                                + " [public.orders], slot: lakehub_orders }");
                return null;
            }
            int before = problems.size();
            Map<String, Entry> keys = keys(mapping, entry.path(), CDC_KEYS);
            String url = null;
            if (optional(keys, "url") == null) {
                problem(
                        keys.containsKey("url") ? keys.get("url").value() : mapping,
                        entry.path() + ".url",
                        "missing the database URL, e.g. url: \"jdbc:postgresql://127.0.0.1:5432/shop\"");
            } else {
                Text text = text(keys.get("url"));
                if (text != null) {
                    String problem = CdcSourceSpec.urlProblem(text.resolved());
                    if (problem != null) {
                        problem(keys.get("url").value(), keys.get("url").path(), problem);
                    } else {
                        url = text.resolved().strip();
                    }
                }
            }
            String user = null;
            if (optional(keys, "user") != null) {
                Text text = text(keys.get("user"));
                user = text == null ? null : text.resolved().strip();
            }
            Secret password = optional(keys, "password") == null ? null : secret(keys.get("password"));
            List<String> tables = List.of();
            if (optional(keys, "tables") == null) {
                problem(
                        keys.containsKey("tables") ? keys.get("tables").value() : mapping,
                        entry.path() + ".tables",
                        "missing the table to capture, e.g. tables: [public.orders]");
            } else {
                tables = keyColumns(keys.get("tables"));
                if (tables.size() > 1) {
                    problem(
                            keys.get("tables").value(),
                            keys.get("tables").path(),
                            "one table per pipeline: a pipeline writes one dataset; declare a pipeline per table");
                }
                for (String t : tables) {
                    String problem = CdcSourceSpec.tableProblem(t);
                    if (problem != null) {
                        problem(keys.get("tables").value(), keys.get("tables").path(), problem);
                    }
                }
            }
            String slot = null;
            if (optional(keys, "slot") == null) {
                problem(
                        keys.containsKey("slot") ? keys.get("slot").value() : mapping,
                        entry.path() + ".slot",
                        "missing the replication slot, e.g. slot: lakehub_orders");
            } else {
                Text text = text(keys.get("slot"));
                if (text != null) {
                    String problem = CdcSourceSpec.slotProblem(text.resolved().strip());
                    if (problem != null) {
                        problem(keys.get("slot").value(), keys.get("slot").path(), problem);
                    } else {
                        slot = text.resolved().strip();
                        String first = slotsSeen.putIfAbsent(
                                url + " " + slot,
                                entry.path().replace(".cdc", "") + " at line "
                                        + line(keys.get("slot").value()));
                        if (first != null) {
                            problem(
                                    keys.get("slot").value(),
                                    keys.get("slot").path(),
                                    "replication slot '" + slot + "' is used by " + first
                                            + " already; each pipeline needs a slot of its own (a slot has one reader)");
                        }
                    }
                }
            }
            String publication = null;
            if (optional(keys, "publication") != null) {
                Text text = text(keys.get("publication"));
                if (text != null) {
                    String problem =
                            CdcSourceSpec.publicationProblem(text.resolved().strip());
                    if (problem != null) {
                        problem(
                                keys.get("publication").value(),
                                keys.get("publication").path(),
                                problem);
                    } else {
                        publication = text.resolved().strip();
                    }
                }
            }
            if (problems.size() > before || url == null || slot == null || id == null || tables.size() != 1) {
                return null;
            }
            return new CdcSourceSpec(
                    id, url, user, password == null ? null : password.reveal(), tables, slot, publication);
        }

        /**
         * The secret of a {@code from: webhook} pipeline ({@code webhook: { secret: ... }}), or null with
         * the problems recorded; {@code webhook:} on another source, a schedule or a format are problems.
         */
        private Secret webhookSource(
                MappingNode node,
                String path,
                Map<String, Entry> keys,
                boolean fromWebhook,
                boolean scheduled,
                Format format) {
            if (!fromWebhook) {
                if (keys.containsKey("webhook")) {
                    problem(
                            keys.get("webhook").key(),
                            keys.get("webhook").path(),
                            "webhook only applies to from: webhook (events POSTed to /api/webhooks/{id})");
                }
                return null;
            }
            if (scheduled) {
                problem(
                        keys.get("schedule").key(),
                        keys.get("schedule").path(),
                        "a from: webhook pipeline has no schedule: each POST to /api/webhooks/{id} is written as it"
                                + " arrives");
            }
            if (format != null) {
                problem(
                        keys.get("format").key(),
                        keys.get("format").path(),
                        "a format does not apply to from: webhook: each request's Content-Type says how to read it");
            }
            if (optional(keys, "webhook") == null) {
                missing(
                        node,
                        path,
                        "webhook",
                        "from: webhook needs the secret senders authenticate with, e.g. webhook: { secret:"
                                + " \"${ORDERS_WEBHOOK_SECRET}\" }");
                return null;
            }
            Entry entry = keys.get("webhook");
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping with the webhook secret, e.g. webhook: { secret: \"${ORDERS_WEBHOOK_SECRET}\" }");
                return null;
            }
            Map<String, Entry> webhookKeys = keys(mapping, entry.path(), WEBHOOK_KEYS);
            Entry secret = webhookKeys.get("secret");
            if (secret == null || isNull(secret.value())) {
                problem(
                        secret == null ? mapping : secret.value(),
                        entry.path() + ".secret",
                        "the webhook source needs secret: \"${SOME_ENVIRONMENT_VARIABLE}\"");
                return null;
            }
            return secret(secret);
        }

        /** {@code on_bad_rows} and {@code max_bad_rows}, each checked; a bad value is a problem naming its key. */
        private BadRowPolicy badRows(Map<String, Entry> keys) {
            BadRowPolicy.Action action = null;
            if (optional(keys, "on_bad_rows") != null) {
                Text text = text(keys.get("on_bad_rows"));
                if (text != null) {
                    try {
                        action = BadRowPolicy.Action.parse(text.resolved());
                    } catch (IllegalArgumentException e) {
                        problem(
                                keys.get("on_bad_rows").value(),
                                keys.get("on_bad_rows").path(),
                                quote(text.template()) + " is not a bad-row policy; expected fail, skip or rejects");
                    }
                }
            }
            BadRowPolicy.Limit limit = null;
            if (optional(keys, "max_bad_rows") != null) {
                Text text = text(keys.get("max_bad_rows"));
                if (text != null) {
                    try {
                        limit = BadRowPolicy.Limit.parse(text.resolved());
                    } catch (IllegalArgumentException e) {
                        problem(
                                keys.get("max_bad_rows").value(),
                                keys.get("max_bad_rows").path(),
                                quote(text.template()) + " is not a bad-row limit; expected a percentage of the"
                                        + " rows (1%) or a number of rows (100)");
                    }
                }
            }
            return new BadRowPolicy(action, limit);
        }

        private String pipelineId(Entry entry, String id) {
            if (!PIPELINE_ID.matcher(id).matches()) {
                problem(
                        entry.value(),
                        entry.path(),
                        quote(id) + " is not a valid pipeline id: use a lower-case letter"
                                + " followed by up to 62 lower-case letters, digits, '_' or '-' (it appears in URLs)");
                return id;
            }
            String first = idsSeen.putIfAbsent(id, entry.path().replace(".id", "") + " at line " + line(entry.value()));
            if (first != null) {
                problem(
                        entry.value(),
                        entry.path(),
                        "duplicate pipeline id '" + id + "'; " + first + " already uses it");
            }
            return id;
        }

        private EndpointUri endpoint(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                if (isNull(entry.value())) {
                    problem(
                            entry.value(),
                            entry.path(),
                            "is empty; give a Camel endpoint URI such as file:inbox/people");
                }
                return null;
            }
            if (!URI_SCHEME.matcher(text.resolved()).matches()) {
                problem(
                        entry.value(),
                        entry.path(),
                        "'" + Redaction.redactUri(text.template())
                                + "' is not a Camel endpoint URI: it needs a component scheme and a path, e.g."
                                + " file:inbox/people or sql:select * from orders");
                return null;
            }
            if (text.resolved().chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                problem(entry.value(), entry.path(), "the endpoint URI contains a line break or control character");
                return null;
            }
            return new EndpointUri(text.template(), text.resolved());
        }

        private Format format(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            try {
                return Format.parse(text.resolved());
            } catch (IllegalArgumentException e) {
                problem(
                        entry.value(),
                        entry.path(),
                        quote(text.template()) + " is not a known format; expected one of"
                                + " csv, json, ndjson, parquet, text (or tsv, jsonl, txt, md, markdown)");
                return null;
            }
        }

        private WriteMode mode(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            for (WriteMode m : WriteMode.values()) {
                if (m.configName().equalsIgnoreCase(text.resolved().strip())) {
                    return m;
                }
            }
            problem(entry.value(), entry.path(), quote(text.template()) + " is not a mode; expected append or upsert");
            return null;
        }

        private List<String> keyColumns(Entry entry) {
            List<Node> items;
            if (entry.value() instanceof SequenceNode seq) {
                items = seq.getValue();
            } else if (entry.value() instanceof ScalarNode && !isNull(entry.value())) {
                items = List.of(entry.value());
            } else {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a column name or a list of them, e.g. key: [candidate_id]");
                return List.of();
            }
            if (items.isEmpty()) {
                problem(entry.value(), entry.path(), "is empty; list the columns that identify a row");
                return List.of();
            }
            Set<String> columns = new LinkedHashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String itemPath = entry.value() instanceof SequenceNode ? entry.path() + "[" + i + "]" : entry.path();
                if (!(item instanceof ScalarNode s)
                        || isNull(item)
                        || s.getValue().isBlank()) {
                    problem(item, itemPath, "expected a column name");
                    continue;
                }
                Text text = text(new Entry(itemPath, entry.key(), item));
                if (text != null && !columns.add(text.resolved().strip())) {
                    problem(item, itemPath, "column " + quote(text.template()) + " is listed twice");
                }
            }
            return List.copyOf(columns);
        }

        private List<StepConfig> steps(Entry entry) {
            if (!(entry.value() instanceof SequenceNode sequence)) {
                problem(entry.value(), entry.path(), "expected a list of steps, e.g. steps: [{ drop-columns: [ssn] }]");
                return List.of();
            }
            List<StepConfig> steps = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String path = entry.path() + "[" + i + "]";
                if (!(item instanceof MappingNode mapping)) {
                    problem(
                            item,
                            path,
                            "expected a step: one of " + String.join(", ", STEP_KINDS) + ", e.g."
                                    + " - drop-columns: [ssn]");
                    continue;
                }
                StepConfig step = step(mapping, path);
                if (step != null) {
                    steps.add(step);
                }
            }
            return steps;
        }

        /** One step, or null with its problems recorded. */
        private StepConfig step(MappingNode mapping, String path) {
            Map<String, Entry> keys = keys(mapping, path, STEP_KEYS);
            List<String> kinds = STEP_KINDS.stream().filter(keys::containsKey).toList();
            if (kinds.size() != 1) {
                problem(
                        mapping,
                        path,
                        kinds.isEmpty()
                                ? "a step needs one of " + String.join(", ", STEP_KINDS)
                                : "a step has exactly one kind, but this one has " + String.join(" and ", kinds)
                                        + "; write them as separate steps");
                return null;
            }
            String kind = kinds.getFirst();
            String origin = file + ":" + line(mapping);
            if (keys.containsKey("options") && !kind.equals("class")) {
                problem(keys.get("options").key(), keys.get("options").path(), "options only apply to a class step");
            }
            if (keys.containsKey("name") && !kind.equals("class") && !kind.equals("processor")) {
                problem(
                        keys.get("name").key(),
                        keys.get("name").path(),
                        "a " + kind + " step is always named " + kind + "; name only applies to class and"
                                + " processor steps");
            }
            String name = optional(keys, "name") == null ? null : stepName(keys.get("name"));
            Entry e = keys.get(kind);
            return switch (kind) {
                case "drop-columns" -> {
                    List<String> columns = columnList(e);
                    yield columns.isEmpty() ? null : new StepConfig.DropColumns(columns, origin);
                }
                case "rename-columns" -> {
                    Map<String, String> renames = renames(e);
                    yield renames.isEmpty() ? null : new StepConfig.RenameColumns(renames, origin);
                }
                case "class" -> {
                    String className = stepClass(e);
                    Map<String, String> options =
                            optional(keys, "options") == null ? Map.of() : stepOptions(keys.get("options"));
                    yield className == null
                            ? null
                            : new StepConfig.JavaClass(
                                    className,
                                    options,
                                    name != null
                                            ? name
                                            : className.substring(
                                                    Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'))
                                                            + 1),
                                    origin);
                }
                default -> {
                    Text bean = isNull(e.value()) ? null : text(e);
                    if (bean == null || bean.resolved().isBlank()) {
                        if (isNull(e.value())) {
                            problem(e.value(), e.path(), "is empty; give the name of a Camel Processor bean");
                        }
                        yield null;
                    }
                    String b = bean.resolved().strip();
                    yield new StepConfig.CamelProcessor(b, name != null ? name : b, origin);
                }
            };
        }

        private String stepName(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            String name = text.resolved().strip();
            if (!STEP_NAME.matcher(name).matches()) {
                problem(
                        entry.value(),
                        entry.path(),
                        quote(text.template()) + " is not a step name: use letters, digits, '_' or '-' (it becomes"
                                + " part of the snapshot property keys step.<name>.*)");
                return null;
            }
            return name;
        }

        /** A non-empty list of distinct column names (distinct ignoring case), or empty with problems recorded. */
        private List<String> columnList(Entry entry) {
            if (!(entry.value() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(entry.value(), entry.path(), "expected a list of column names, e.g. [ssn, notes]");
                return List.of();
            }
            Map<String, String> columns = new LinkedHashMap<>();
            int before = problems.size();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String itemPath = entry.path() + "[" + i + "]";
                Text text = item instanceof ScalarNode && !isNull(item)
                        ? text(new Entry(itemPath, entry.key(), item))
                        : null;
                if (text == null || text.resolved().isBlank()) {
                    problem(item, itemPath, "expected a column name");
                    continue;
                }
                String column = text.resolved().strip();
                if (columns.putIfAbsent(column.toLowerCase(Locale.ROOT), column) != null) {
                    problem(item, itemPath, "column " + quote(text.template()) + " is listed twice");
                }
            }
            return problems.size() > before ? List.of() : List.copyOf(columns.values());
        }

        private Map<String, String> renames(Entry entry) {
            if (!(entry.value() instanceof MappingNode mapping)
                    || mapping.getValue().isEmpty()) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping of old: new column names, e.g. { fullname: name }");
                return Map.of();
            }
            Map<String, String> renames = new LinkedHashMap<>();
            Set<String> targets = new LinkedHashSet<>();
            int before = problems.size();
            for (NodeTuple t : mapping.getValue()) {
                String fromPath = entry.path();
                Text from = t.getKeyNode() instanceof ScalarNode && !isNull(t.getKeyNode())
                        ? text(new Entry(fromPath, t.getKeyNode(), t.getKeyNode()))
                        : null;
                if (from == null || from.resolved().isBlank()) {
                    problem(t.getKeyNode(), fromPath, "expected a column name to rename");
                    continue;
                }
                String itemPath = entry.path() + "." + from.resolved().strip();
                Text to = t.getValueNode() instanceof ScalarNode && !isNull(t.getValueNode())
                        ? text(new Entry(itemPath, t.getKeyNode(), t.getValueNode()))
                        : null;
                if (to == null || to.resolved().isBlank()) {
                    problem(t.getValueNode(), itemPath, "expected the column's new name");
                    continue;
                }
                String old = from.resolved().strip();
                if (renames.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(old))) {
                    problem(t.getKeyNode(), itemPath, "column " + quote(from.template()) + " is renamed twice");
                    continue;
                }
                String target = to.resolved().strip();
                if (!targets.add(target.toLowerCase(Locale.ROOT))) {
                    problem(t.getValueNode(), itemPath, "two columns are renamed to " + quote(to.template()));
                    continue;
                }
                renames.put(old, target);
            }
            return problems.size() > before ? Map.of() : renames;
        }

        private String stepClass(Entry entry) {
            Text text = isNull(entry.value()) ? null : text(entry);
            if (text == null) {
                if (isNull(entry.value())) {
                    problem(entry.value(), entry.path(), "is empty; give a class name such as com.acme.MaskEmails");
                }
                return null;
            }
            String name = text.resolved().strip();
            Class<?> type;
            try {
                type = Class.forName(name, false, stepClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                problem(
                        entry.value(),
                        entry.path(),
                        "class " + quote(name) + " is not on the hub's class path (put its jar in the hub's"
                                + " class path)");
                return null;
            }
            if (!STEP_INTERFACE.isAssignableFrom(type)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "class " + quote(name) + " does not implement " + STEP_INTERFACE.getName());
                return null;
            }
            if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                problem(entry.value(), entry.path(), "class " + quote(name) + " is abstract; name a concrete class");
                return null;
            }
            try {
                if (!java.lang.reflect.Modifier.isPublic(type.getConstructor().getModifiers())) {
                    throw new NoSuchMethodException();
                }
            } catch (NoSuchMethodException e) {
                problem(
                        entry.value(),
                        entry.path(),
                        "class " + quote(name) + " has no public constructor without arguments");
                return null;
            }
            return name;
        }

        private Map<String, String> stepOptions(Entry entry) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping of option names to values, e.g. { column: email }");
                return Map.of();
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)
                        || isNull(t.getKeyNode())
                        || k.getValue().isBlank()) {
                    problem(t.getKeyNode(), entry.path(), "expected an option name");
                    continue;
                }
                String optionPath = entry.path() + "." + k.getValue();
                if (options.containsKey(k.getValue())) {
                    problem(k, optionPath, "option '" + k.getValue() + "' is given twice");
                    continue;
                }
                if (!(t.getValueNode() instanceof ScalarNode)) {
                    problem(t.getValueNode(), optionPath, "expected a single value, not a list or mapping");
                    continue;
                }
                if (isNull(t.getValueNode())) {
                    problem(t.getValueNode(), optionPath, "is empty; give a value or leave the option out");
                    continue;
                }
                Text value = text(new Entry(optionPath, k, t.getValueNode()));
                if (value != null) {
                    options.put(k.getValue(), value.resolved());
                }
            }
            return options;
        }

        private String cron(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            String expression = text.resolved().strip();
            CronExpression cron;
            try {
                cron = new CronExpression(expression);
            } catch (ParseException e) {
                problem(
                        entry.value(),
                        entry.path(),
                        quote(text.template()) + " is not a valid Quartz cron expression ("
                                + e.getMessage() + "); the form is 'second minute hour day-of-month month day-of-week"
                                + " [year]', e.g. \"0 */5 * * * ?\"");
                return null;
            }
            cron.setTimeZone(TimeZone.getTimeZone("UTC"));
            if (cron.getNextValidTimeAfter(new Date()) == null) {
                problem(
                        entry.value(),
                        entry.path(),
                        quote(text.template()) + " never fires again (all its times are past)");
                return null;
            }
            return expression;
        }

        private ZoneId zone(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            try {
                return ZoneId.of(text.resolved().strip());
            } catch (DateTimeException e) {
                String suggestion = KeySuggestions.closest(text.resolved().strip(), ZoneId.getAvailableZoneIds());
                problem(
                        entry.value(),
                        entry.path(),
                        quote(text.template()) + " is not a time zone id"
                                + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)")
                                + "; use a region id such as Europe/Paris, or UTC");
                return null;
            }
        }

        private MisfirePolicy misfire(Entry entry) {
            Text text = text(entry);
            if (text == null) {
                return null;
            }
            String wanted = KeySuggestions.canonical(text.resolved().strip());
            for (MisfirePolicy m : MisfirePolicy.values()) {
                if (KeySuggestions.canonical(m.configName()).equals(wanted)) {
                    return m;
                }
            }
            problem(
                    entry.value(),
                    entry.path(),
                    quote(text.template())
                            + " is not a misfire policy; expected fire-once-now (default), skip or fire-all");
            return null;
        }

        private Secret trigger(Entry entry) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping with the webhook secret, e.g. trigger: { secret: \"${PEOPLE_TRIGGER_SECRET}\" }");
                return null;
            }
            Map<String, Entry> keys = keys(mapping, entry.path(), TRIGGER_KEYS);
            Entry secret = keys.get("secret");
            if (secret == null || isNull(secret.value())) {
                problem(
                        secret == null ? mapping : secret.value(),
                        entry.path() + ".secret",
                        "the webhook trigger needs secret: \"${SOME_ENVIRONMENT_VARIABLE}\"");
                return null;
            }
            if (!(secret.value() instanceof ScalarNode scalar)) {
                problem(secret.value(), secret.path(), "expected a single value like \"${PEOPLE_TRIGGER_SECRET}\"");
                return null;
            }
            // The value is never quoted in a message: if it is not a placeholder, it may be the secret itself.
            String variable = Placeholders.soleVariable(scalar.getValue());
            if (variable == null) {
                problem(
                        secret.value(),
                        secret.path(),
                        "a secret must be an environment placeholder such as"
                                + " \"${PEOPLE_TRIGGER_SECRET}\", not a value written in the file");
                return null;
            }
            String value = env.get(variable);
            if (value == null) {
                problem(
                        secret.value(),
                        secret.path(),
                        "environment variable " + variable + " is not set (used as ${" + variable + "})");
                return null;
            }
            if (value.isBlank()) {
                problem(secret.value(), secret.path(), "environment variable " + variable + " is empty");
                return null;
            }
            return new Secret(value, variable);
        }

        /** The database poller's spec, or null with the problems recorded. */
        private JdbcSourceSpec jdbc(
                Entry entry, String id, WriteMode mode, List<String> key, String deletedColumn, Duration compareKeys) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping, e.g. jdbc: { url: \"jdbc:postgresql://host/db\", user: app, table:"
                                + " public.orders, cursor: [updated_at, id] }");
                return null;
            }
            int before = problems.size();
            Map<String, Entry> keys = keys(mapping, entry.path(), JDBC_KEYS);
            String url = null;
            if (optional(keys, "url") == null) {
                problem(
                        keys.containsKey("url") ? keys.get("url").value() : mapping,
                        entry.path() + ".url",
                        "missing the JDBC URL, e.g. url: \"jdbc:postgresql://127.0.0.1:5432/test\"");
            } else {
                Text text = text(keys.get("url"));
                if (text != null) {
                    String problem = JdbcSourceSpec.urlProblem(text.resolved());
                    if (problem != null) {
                        problem(keys.get("url").value(), keys.get("url").path(), problem);
                    } else {
                        url = text.resolved().strip();
                    }
                }
            }
            String user = null;
            if (optional(keys, "user") != null) {
                Text text = text(keys.get("user"));
                user = text == null ? null : text.resolved().strip();
            }
            Secret password = optional(keys, "password") == null ? null : secret(keys.get("password"));
            String table = null;
            if (optional(keys, "table") != null) {
                Text text = text(keys.get("table"));
                if (text != null) {
                    String problem = JdbcSourceSpec.tableProblem(text.resolved());
                    if (problem != null) {
                        problem(keys.get("table").value(), keys.get("table").path(), problem);
                    } else {
                        table = text.resolved().strip();
                    }
                }
            }
            String query = null;
            if (optional(keys, "query") != null) {
                Text text = text(keys.get("query"));
                if (text != null) {
                    String problem = JdbcSourceSpec.queryProblem(text.resolved());
                    if (problem != null) {
                        problem(keys.get("query").value(), keys.get("query").path(), problem);
                    } else {
                        query = text.resolved();
                    }
                }
            }
            if (optional(keys, "table") == null && optional(keys, "query") == null) {
                problem(mapping, entry.path(), "give table (e.g. table: public.orders) or query (a SELECT)");
            } else if (optional(keys, "table") != null && optional(keys, "query") != null) {
                problem(
                        keys.get("query").key(),
                        keys.get("query").path(),
                        "give either table or query, not both (table is at line "
                                + line(keys.get("table").key()) + ")");
            }
            List<String> cursor = keys.containsKey("cursor") ? keyColumns(keys.get("cursor")) : List.of();
            List<String> sourceKey = keys.containsKey("key") ? keyColumns(keys.get("key")) : key;
            Duration lag = JdbcSourceSpec.DEFAULT_LAG;
            if (optional(keys, "lag") != null) {
                Text text = text(keys.get("lag"));
                if (text != null) {
                    Duration parsed = Durations.parse(text.resolved());
                    if (parsed == null || parsed.isNegative()) {
                        problem(
                                keys.get("lag").value(),
                                keys.get("lag").path(),
                                quote(text.template()) + " is not a duration; write e.g. 0, 30s, 2m or PT30S");
                    } else {
                        lag = parsed;
                    }
                }
            }
            int pageSize = positive(keys, "pageSize", JdbcSourceSpec.DEFAULT_PAGE_SIZE);
            int fetchSize = positive(keys, "fetchSize", JdbcSourceSpec.DEFAULT_FETCH_SIZE);
            if (problems.size() > before || url == null) {
                return null;
            }
            try {
                return new JdbcSourceSpec(
                        id,
                        url,
                        user,
                        password == null ? null : password.reveal(),
                        table,
                        query,
                        cursor,
                        sourceKey,
                        mode == WriteMode.UPSERT,
                        deletedColumn,
                        lag,
                        pageSize,
                        fetchSize,
                        JdbcSourceSpec.DEFAULT_BATCH_ROWS,
                        compareKeys);
            } catch (JdbcSourceRefusedException e) {
                String pipelinePath = entry.path().substring(0, entry.path().lastIndexOf('.'));
                problem(entry.value(), pipelinePath + "." + e.key(), e.reason());
                return null;
            }
        }

        private int positive(Map<String, Entry> keys, String key, int fallback) {
            if (optional(keys, key) == null) {
                return fallback;
            }
            Text text = text(keys.get(key));
            if (text == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(text.resolved().strip());
                if (n < 1 || n > MAX_PAGE_SIZE) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                problem(
                        keys.get(key).value(),
                        keys.get(key).path(),
                        quote(text.template()) + " is not a number of rows; expected a whole number from 1 to "
                                + MAX_PAGE_SIZE);
                return fallback;
            }
        }

        /** What {@code deleted:} asks for. */
        private record Deleted(String column, Duration compareKeys) {}

        /**
         * {@code deleted: { column: ..., compare-keys: ... }} (at least one of the two), or null with the
         * problems recorded.
         */
        private Deleted deleted(Entry entry) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping, e.g. deleted: { column: is_deleted } or deleted: { compare-keys: PT1H }");
                return null;
            }
            int before = problems.size();
            Map<String, Entry> keys = keys(mapping, entry.path(), DELETED_KEYS);
            if (optional(keys, "column") == null && optional(keys, "compare-keys") == null) {
                problem(
                        mapping,
                        entry.path() + ".column",
                        "missing the soft-delete column (e.g. column: is_deleted) or the key comparison"
                                + " (e.g. compare-keys: PT1H)");
                return null;
            }
            String column = null;
            if (optional(keys, "column") != null) {
                Text text = text(keys.get("column"));
                column = text == null ? null : text.resolved().strip();
            }
            Duration compareKeys = null;
            if (optional(keys, "compare-keys") != null) {
                Text text = text(keys.get("compare-keys"));
                if (text != null) {
                    Duration parsed = Durations.parse(text.resolved());
                    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
                        problem(
                                keys.get("compare-keys").value(),
                                keys.get("compare-keys").path(),
                                quote(text.template())
                                        + " is not a positive duration; write e.g. 1h, 30m or PT1H (how long after"
                                        + " the last key comparison a poll compares the keys again)");
                    } else {
                        compareKeys = parsed;
                    }
                }
            }
            return problems.size() > before ? null : new Deleted(column, compareKeys);
        }

        /**
         * A secret given as exactly one environment placeholder, or null with the problem recorded. The
         * value is never quoted in a message: if it is not a placeholder, it may be the secret itself.
         */
        private Secret secret(Entry entry) {
            if (!(entry.value() instanceof ScalarNode scalar)) {
                problem(entry.value(), entry.path(), "expected a single value like \"${ORDERS_DB_PASSWORD}\"");
                return null;
            }
            String variable = Placeholders.soleVariable(scalar.getValue());
            if (variable == null) {
                problem(
                        entry.value(),
                        entry.path(),
                        "a password must be an environment placeholder such as \"${ORDERS_DB_PASSWORD}\", not a"
                                + " value written in the file");
                return null;
            }
            String value = env.get(variable);
            if (value == null) {
                problem(
                        entry.value(),
                        entry.path(),
                        "environment variable " + variable + " is not set (used as ${" + variable + "})");
                return null;
            }
            if (value.isBlank()) {
                problem(entry.value(), entry.path(), "environment variable " + variable + " is empty");
                return null;
            }
            return new Secret(value, variable);
        }

        private OnError onError(Entry entry) {
            if (!(entry.value() instanceof MappingNode mapping)) {
                problem(
                        entry.value(),
                        entry.path(),
                        "expected a mapping, e.g. onError: { retries: 3, backoff: 2s, deadLetter: \"file:data/dead\" }");
                return OnError.DEFAULT;
            }
            Map<String, Entry> keys = keys(mapping, entry.path(), ON_ERROR_KEYS);
            int retries = OnError.DEFAULT.retries();
            if (optional(keys, "retries") != null) {
                Text text = text(keys.get("retries"));
                if (text != null) {
                    try {
                        retries = Integer.parseInt(text.resolved().strip());
                        if (retries < 0 || retries > MAX_RETRIES) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        problem(
                                keys.get("retries").value(),
                                keys.get("retries").path(),
                                quote(text.template())
                                        + " is not a number of retries; expected a whole number from 0 to "
                                        + MAX_RETRIES);
                    }
                }
            }
            Duration backoff = OnError.DEFAULT.backoff();
            if (optional(keys, "backoff") != null) {
                Text text = text(keys.get("backoff"));
                if (text != null) {
                    Duration parsed = Durations.parse(text.resolved());
                    if (parsed == null || parsed.isNegative()) {
                        problem(
                                keys.get("backoff").value(),
                                keys.get("backoff").path(),
                                quote(text.template()) + " is not a duration; write e.g. 500ms, 2s, 1m or PT2S");
                    } else {
                        backoff = parsed;
                    }
                }
            }
            EndpointUri deadLetter = optional(keys, "deadLetter") == null ? null : endpoint(keys.get("deadLetter"));
            return new OnError(retries, backoff, deadLetter);
        }

        /**
         * The mapping's entries by known key name. Unknown keys (with a suggestion), duplicate keys and
         * non-scalar keys are recorded as problems and left out.
         */
        private Map<String, Entry> keys(MappingNode mapping, String path, List<String> known) {
            Map<String, Entry> result = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode scalar) || isNull(keyNode)) {
                    problem(keyNode, path, "expected a key name");
                    continue;
                }
                String key = scalar.getValue();
                String keyPath = path + "." + key;
                String match = known.stream()
                        .filter(k -> KeySuggestions.canonical(k).equals(KeySuggestions.canonical(key)))
                        .findFirst()
                        .orElse(null);
                if (match == null) {
                    problem(
                            keyNode,
                            keyPath,
                            key.equals("<<")
                                    ? "YAML merge keys ('<<') are not supported here; write the keys out"
                                    : unknownKey(key, known));
                    continue;
                }
                Entry previous = result.get(match);
                if (previous != null) {
                    problem(
                            keyNode,
                            keyPath,
                            "'" + key + "' is given twice in this mapping (first at line " + line(previous.key())
                                    + ")");
                    continue;
                }
                result.put(match, new Entry(keyPath, keyNode, tuple.getValueNode()));
            }
            return result;
        }

        /** The resolved value of a required scalar key, or null with the problem recorded. */
        private String required(MappingNode mapping, String path, Map<String, Entry> keys, String key, String what) {
            Entry entry = keys.get(key);
            if (entry == null) {
                missing(mapping, path, key, what);
                return null;
            }
            if (isNull(entry.value())) {
                problem(entry.value(), entry.path(), "is empty; expected " + what);
                return null;
            }
            Text text = text(entry);
            return text == null ? null : text.resolved();
        }

        private void missing(MappingNode mapping, String path, String key, String what) {
            problem(mapping, path, "missing required key '" + key + "': " + what);
        }

        /** The entry if present with a non-null value; a present-but-empty optional key counts as absent. */
        private Entry optional(Map<String, Entry> keys, String key) {
            Entry e = keys.get(key);
            return e == null || isNull(e.value()) ? null : e;
        }

        /** The scalar's text with placeholders resolved, or null with the problem recorded. */
        private Text text(Entry entry) {
            if (!(entry.value() instanceof ScalarNode scalar)) {
                problem(
                        entry.value(),
                        entry.path(),
                        entry.value() instanceof SequenceNode
                                ? "expected a single value, not a list"
                                : "expected a single value, not a mapping");
                return null;
            }
            if (isNull(scalar)) {
                return null;
            }
            Placeholders.Result r = placeholders.resolve(scalar.getValue());
            for (String p : r.problems()) {
                problem(scalar, entry.path(), p);
            }
            return r.ok() ? new Text(scalar.getValue(), r.value()) : null;
        }

        /** The {@code pii:} block (docs/pii.md), read by {@link PiiConfig#parse}; its problems point at the block. */
        private PiiConfig pii(Entry entry) {
            if (entry == null || isNull(entry.value())) {
                return PiiConfig.DEFAULT;
            }
            return PiiConfig.parse(
                    plain(entry.value()),
                    file + ":" + line(entry.value()),
                    entry.path(),
                    (key, message) -> problem(entry.value(), key, message));
        }

        private void problem(Node node, String path, String message) {
            problems.add(new ConfigProblem(file, line(node), path, message));
        }
    }

    /** Where step classes are looked up: the thread's context class loader (the app's), else this one's. */
    private static ClassLoader stepClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : PipelineConfigLoader.class.getClassLoader();
    }

    /** A key of a mapping: its path for messages, its key node and its value node. */
    private record Entry(String path, Node key, Node value) {}

    /** A scalar as written and with placeholders resolved. */
    private record Text(String template, String resolved) {}

    private static String unknownKey(String key, List<String> known) {
        String closest = KeySuggestions.closest(key, known);
        return "unknown key '" + key + "'" + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                + "; known keys: " + String.join(", ", known);
    }

    /** A YAML node as plain Java: maps, lists, booleans, longs and strings (for {@link PiiConfig#parse}). */
    private static Object plain(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                map.put(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?", plain(t.getValueNode()));
            }
            return map;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>();
            seq.getValue().forEach(n -> list.add(plain(n)));
            return list;
        }
        if (isNull(node)) {
            return null;
        }
        ScalarNode s = (ScalarNode) node;
        if (Tag.BOOL.equals(s.getTag())) {
            return Boolean.parseBoolean(s.getValue());
        }
        if (Tag.INT.equals(s.getTag())) {
            try {
                return Long.parseLong(s.getValue());
            } catch (NumberFormatException e) {
                return s.getValue();
            }
        }
        return s.getValue();
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()));
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** A value as written, quoted for a message: control characters escaped, long values cut. */
    static String quote(String value) {
        String shown = value.length() > 120 ? value.substring(0, 120) + "..." : value;
        StringBuilder sb = new StringBuilder("'");
        for (char c : shown.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
    }
}
