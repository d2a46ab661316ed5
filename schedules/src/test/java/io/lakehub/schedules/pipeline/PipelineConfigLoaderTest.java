package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.read.Format;
import io.lakehub.schedules.MisfirePolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigLoaderTest {

    private static final String FILE = "config/lakehub.yaml";
    private static final String PEOPLE_SECRET = "s3cr3t-value-for-people";
    private static final Map<String, String> ENV =
            Map.of("PEOPLE_TRIGGER_SECRET", PEOPLE_SECRET, "ORDERS_DB_PASSWORD", "pw-0rders", "EMPTY", "");

    private final PipelineConfigLoader loader = new PipelineConfigLoader(ENV);

    @TempDir
    Path dir;

    @Test
    void readsTheIssueExample() {
        PipelineConfig config = loader.parse("""
                lakehub:
                  home: ./data
                  pipelines:
                    - id: people
                      from: "file:inbox/people"      # any Camel endpoint URI is accepted
                      format: csv
                      into: people                   # dataset
                      mode: append                   # append | upsert (with key)
                      key: [candidate_id]
                      schedule: "0 */5 * * * ?"      # Quartz cron (+ optional timezone)
                      trigger: { secret: "${PEOPLE_TRIGGER_SECRET}" }   # enables the webhook trigger
                      onError: { retries: 3, backoff: 2s, deadLetter: "file:data/dead" }
                """, FILE);

        assertThat(config.pipelines()).hasSize(1);
        PipelineDefinition p = config.pipeline("people").orElseThrow();
        assertThat(p.from().resolved()).isEqualTo("file:inbox/people");
        assertThat(p.from().scheme()).isEqualTo("file");
        assertThat(p.format()).isEqualTo(Format.CSV);
        assertThat(p.into()).isEqualTo(DatasetName.of("people"));
        assertThat(p.mode()).isEqualTo(WriteMode.APPEND);
        assertThat(p.key()).containsExactly("candidate_id");
        assertThat(p.schedule()).isEqualTo("0 */5 * * * ?");
        assertThat(p.timezone()).isNull();
        assertThat(p.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE_NOW);
        assertThat(p.webhookEnabled()).isTrue();
        assertThat(p.triggerSecret().reveal()).isEqualTo(PEOPLE_SECRET);
        assertThat(p.onError().retries()).isEqualTo(3);
        assertThat(p.onError().backoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.onError().deadLetter().resolved()).isEqualTo("file:data/dead");
        assertThat(p.origin()).isEqualTo(FILE + ":4");
        assertThat(p.toString()).doesNotContain(PEOPLE_SECRET).contains("triggerSecret=***");
    }

    @Test
    void appliesDefaultsAndAcceptsSpringStyleKeySpellings() {
        PipelineConfig config = loader.parse("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: "sql:select * from orders?password=${ORDERS_DB_PASSWORD}"
                      into: orders
                      mode: UPSERT
                      key: order_id
                      schedule: "0 0 2 ? * MON-FRI"
                      timezone: Europe/Paris
                      misfire: skip
                      on-error: { dead-letter: "file:data/dead/orders", backoff: PT0.5S }
                    - id: webhook-only
                      from: "direct:people"
                      into: people
                """, FILE);

        PipelineDefinition orders = config.pipeline("orders").orElseThrow();
        assertThat(orders.format()).as("detected per file when not given").isNull();
        assertThat(orders.mode()).isEqualTo(WriteMode.UPSERT);
        assertThat(orders.key()).containsExactly("order_id");
        assertThat(orders.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(orders.misfire()).isEqualTo(MisfirePolicy.SKIP);
        assertThat(orders.onError().retries()).isZero();
        assertThat(orders.onError().backoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(orders.onError().deadLetter().resolved()).isEqualTo("file:data/dead/orders");
        assertThat(orders.from().resolved()).endsWith("password=pw-0rders");
        assertThat(orders.toString())
                .as("URIs print as written, placeholders unresolved")
                .doesNotContain("pw-0rders")
                .contains("password=***");
        PipelineDefinition webhookOnly = config.pipeline("webhook-only").orElseThrow();
        assertThat(webhookOnly.isScheduled()).isFalse();
        assertThat(webhookOnly.webhookEnabled()).isFalse();
        assertThat(webhookOnly.onError()).isEqualTo(OnError.DEFAULT);
    }

    @Test
    void aFileWithoutPipelinesIsValidAndEmpty() {
        assertThat(loader.parse("lakehub:\n  home: ./data\n", FILE).pipelines()).isEmpty();
        assertThat(loader.parse("", FILE).pipelines()).isEmpty();
        assertThat(loader.parse("server:\n  port: 8080\n", FILE).pipelines()).isEmpty();
    }

    @Test
    void aBadCronIsRefusedWithFileLineAndKey() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - id: people
                              from: "file:inbox/people"
                              into: people
                              schedule: "0 61 * * * ?"
                        """))
                .singleElement()
                .asString()
                .startsWith("config/lakehub.yaml:6: lakehub.pipelines[0].schedule: '0 61 * * * ?' is not a valid"
                        + " Quartz cron expression (")
                .contains("Minute");
    }

    @Test
    void aCronThatNeverFiresAgainIsRefused() {
        assertThat(problems(pipeline("schedule: \"0 0 0 1 1 ? 2001\"")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].schedule: '0 0 0 1 1 ? 2001' never fires"
                        + " again (all its times are past)");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheClosestKnownKey() {
        assertThat(problems(pipeline("shedule: \"0 */5 * * * ?\"")))
                .singleElement()
                .asString()
                .startsWith("config/lakehub.yaml:6: lakehub.pipelines[0].shedule: unknown key 'shedule' (did you mean"
                        + " 'schedule'?); known keys: id, from, format, into, mode, key, schedule,");
        assertThat(problems(pipeline("onError: { retries: 1, deadLeter: \"file:dead\" }")))
                .singleElement()
                .asString()
                .startsWith(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].onError.deadLeter: unknown key 'deadLeter' (did"
                                + " you mean 'deadLetter'?)");
        assertThat(problems(pipeline("colour: blue")))
                .singleElement()
                .asString()
                .startsWith("config/lakehub.yaml:6: lakehub.pipelines[0].colour: unknown key 'colour'; known keys:");
    }

    @Test
    void aMisspeltPipelinesSectionIsNotSilentlyIgnored() {
        assertThat(problems("""
                        lakehub:
                          home: ./data
                          pipeline:
                            - id: people
                        """))
                .containsExactly(
                        "config/lakehub.yaml:3: lakehub.pipeline: unknown key 'pipeline' (did you mean 'pipelines'?)");
    }

    @Test
    void withTheAppsKeysEveryUnknownKeyUnderLakehubIsRefused() {
        PipelineConfigLoader strict = new PipelineConfigLoader(ENV, Set.of("home", "catalog", "http"));

        assertThatThrownBy(() -> strict.parse("lakehub:\n  home: ./data\n  hom: x\n", FILE))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(
                        "config/lakehub.yaml:3: lakehub.hom: unknown key 'hom' (did you mean 'home'?); known keys:"
                                + " catalog, home, http, pipelines");
        assertThat(strict.parse("lakehub:\n  home: ./data\n", FILE).pipelines()).isEmpty();
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThat(problems(pipeline("format: xml")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].format: 'xml' is not a known format;"
                        + " expected one of csv, json, ndjson, parquet, text (or tsv, jsonl, txt, md, markdown)");
    }

    @Test
    void duplicateIdsAreRefusedAtTheSecondOne() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - id: people
                              from: "file:inbox/people"
                              into: people
                            - id: people
                              from: "file:inbox/people2"
                              into: people
                        """))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[1].id: duplicate pipeline id 'people';"
                        + " lakehub.pipelines[0] at line 3 already uses it");
    }

    @Test
    void aMissingSecretNamesTheVariableAndTheKey() {
        assertThat(problems(pipeline("trigger: { secret: \"${ORDERS_TRIGGER_SECRET}\" }")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].trigger.secret: environment variable"
                        + " ORDERS_TRIGGER_SECRET is not set (used as ${ORDERS_TRIGGER_SECRET})");
        assertThat(problems(pipeline("trigger: { secret: \"${EMPTY}\" }")))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].trigger.secret: environment variable EMPTY is empty");
        assertThat(problems(pipeline("trigger: {}")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].trigger.secret: the webhook trigger needs"
                        + " secret: \"${SOME_ENVIRONMENT_VARIABLE}\"");
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithoutRepeatingIt() {
        List<String> problems = problems(pipeline("trigger: { secret: \"hunter2-literal\" }"));

        assertThat(problems)
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].trigger.secret: a secret must be an"
                                + " environment placeholder such as \"${PEOPLE_TRIGGER_SECRET}\", not a value written in the file");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }

    @Test
    void missingRequiredKeysAreEachReported() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - format: csv
                        """))
                .containsExactly(
                        "config/lakehub.yaml:3: lakehub.pipelines[0]: missing required key 'id': the pipeline's unique"
                                + " id, e.g. id: people",
                        "config/lakehub.yaml:3: lakehub.pipelines[0]: missing required key 'from': the Camel endpoint"
                                + " URI to read from, e.g. from: \"file:inbox/people\"",
                        "config/lakehub.yaml:3: lakehub.pipelines[0]: missing required key 'into': the dataset to write"
                                + " into, e.g. into: people");
    }

    @Test
    void idsDatasetNamesAndUrisAreChecked() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - id: People Import
                              from: "inbox/people"
                              into: "../people"
                        """))
                .containsExactly(
                        "config/lakehub.yaml:3: lakehub.pipelines[0].id: 'People Import' is not a valid pipeline id:"
                                + " use a lower-case letter followed by up to 62 lower-case letters, digits, '_' or '-'"
                                + " (it appears in URLs)",
                        "config/lakehub.yaml:4: lakehub.pipelines[0].from: 'inbox/people' is not a Camel endpoint URI:"
                                + " it needs a component scheme and a path, e.g. file:inbox/people or sql:select * from"
                                + " orders",
                        "config/lakehub.yaml:5: lakehub.pipelines[0].into: Invalid dataset name '../people': a dataset"
                                + " name is a lower-case letter followed by up to 62 lower-case letters, digits or"
                                + " underscores (pattern [a-z][a-z0-9_]{0,62}).");
    }

    @Test
    void upsertNeedsAKeyAndModesAreChecked() {
        assertThat(problems(pipeline("mode: upsert")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].mode: mode upsert needs key: the columns"
                        + " that identify a row, e.g. key: [candidate_id]");
        assertThat(problems(pipeline("mode: merge")))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].mode: 'merge' is not a mode; expected append or upsert");
        assertThat(problems(pipeline("key: [a, a]")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].key[1]: column 'a' is listed twice");
    }

    @Test
    void timezonesAndMisfirePoliciesAreChecked() {
        assertThat(problems(pipeline("schedule: \"0 */5 * * * ?\"\n      timezone: Europe/Pariss")))
                .containsExactly("config/lakehub.yaml:7: lakehub.pipelines[0].timezone: 'Europe/Pariss' is not a time"
                        + " zone id (did you mean 'Europe/Paris'?); use a region id such as Europe/Paris, or UTC");
        assertThat(problems(pipeline("schedule: \"0 */5 * * * ?\"\n      misfire: later")))
                .containsExactly("config/lakehub.yaml:7: lakehub.pipelines[0].misfire: 'later' is not a misfire policy;"
                        + " expected fire-once-now (default), skip or fire-all");
        assertThat(problems(pipeline("timezone: UTC")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].timezone: a timezone only applies to a"
                        + " schedule, and this pipeline has no schedule");
        assertThat(loader.parse(pipeline("schedule: \"0 */5 * * * ?\"\n      misfire: FIRE_ALL"), FILE)
                        .pipelines()
                        .get(0)
                        .misfire())
                .isEqualTo(MisfirePolicy.FIRE_ALL);
    }

    @Test
    void errorHandlingIsChecked() {
        assertThat(problems(pipeline("onError: { retries: many, backoff: soon, deadLetter: dead }")))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].onError.retries: 'many' is not a number of retries;"
                                + " expected a whole number from 0 to 100",
                        "config/lakehub.yaml:6: lakehub.pipelines[0].onError.backoff: 'soon' is not a duration; write"
                                + " e.g. 500ms, 2s, 1m or PT2S",
                        "config/lakehub.yaml:6: lakehub.pipelines[0].onError.deadLetter: 'dead' is not a Camel endpoint"
                                + " URI: it needs a component scheme and a path, e.g. file:inbox/people or sql:select *"
                                + " from orders");
        assertThat(problems(pipeline("onError: 3")))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].onError: expected a mapping, e.g."
                        + " onError: { retries: 3, backoff: 2s, deadLetter: \"file:data/dead\" }");
    }

    @Test
    void aMissingVariableInAUriNamesTheVariable() {
        assertThat(problems("""
                        lakehub:
                          pipelines:
                            - id: orders
                              from: "sql:select * from orders?password=${SHOP_DB_PASSWORD}"
                              into: orders
                        """))
                .containsExactly("config/lakehub.yaml:4: lakehub.pipelines[0].from: environment variable"
                        + " SHOP_DB_PASSWORD is not set (used as ${SHOP_DB_PASSWORD})");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceInLineOrder() {
        PipelineConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                PipelineConfigException.class, () -> loader.parse("""
                        lakehub:
                          pipelines:
                            - id: people
                              from: "file:inbox/people"
                              into: people
                              format: xml
                              schedule: "every five minutes"
                            - id: people
                              from: "file:inbox/more"
                              into: people
                              trigger: { secret: "${NOPE}" }
                        """, FILE));

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(6, 7, 8, 11);
        assertThat(e.getMessage())
                .startsWith("The pipeline configuration has 4 problems; no pipeline was started:\n"
                        + "config/lakehub.yaml:6: lakehub.pipelines[0].format:")
                .contains("\nconfig/lakehub.yaml:11: lakehub.pipelines[1].trigger.secret: environment variable NOPE");
    }

    @Test
    void duplicateKeysInOnePipelineAreRefused() {
        assertThat(problems(pipeline("format: csv\n      format: json")))
                .containsExactly(
                        "config/lakehub.yaml:7: lakehub.pipelines[0].format: 'format' is given twice in this mapping"
                                + " (first at line 6)");
    }

    @Test
    void invalidYamlNamesTheLineWithoutQuotingIt() {
        List<String> problems = problems("""
                lakehub:
                  pipelines:
                    - id: people
                      trigger: { secret: "hunter2
                """);

        assertThat(problems)
                .containsExactly("config/lakehub.yaml:5: not valid YAML: while scanning a quoted scalar, found"
                        + " unexpected end of stream (what is unfinished starts at line 4)");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    }

    @Test
    void pipelinesMayBeDeclaredInOnlyOneDocument() {
        assertThat(problems("""
                        lakehub:
                          pipelines: []
                        ---
                        lakehub:
                          pipelines: []
                        """))
                .containsExactly(
                        "config/lakehub.yaml:5: lakehub.pipelines: pipelines are declared in more than one YAML"
                                + " document (first at line 2); declare them once");
    }

    @Test
    void loadsFromAFileAndValidateReportsWithoutThrowing() throws Exception {
        Path good = dir.resolve("lakehub.yaml");
        Files.writeString(good, pipeline("schedule: \"*/2 * * * * ?\""), StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, pipeline("schedule: nope"), StandardCharsets.UTF_8);

        assertThat(loader.load(good).pipelines())
                .extracting(PipelineDefinition::id)
                .containsExactly("people");
        assertThat(loader.validate(good)).isEmpty();
        assertThat(loader.validate(bad))
                .singleElement()
                .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::keyPath)
                .containsExactly(bad.toString(), 6, "lakehub.pipelines[0].schedule");
        assertThat(loader.validate(dir.resolve("missing.yaml")))
                .extracting(ConfigProblem::toString)
                .containsExactly(dir.resolve("missing.yaml") + ": the file does not exist");
    }

    @Test
    void notUtf8IsReportedAsSuch() throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "lakehub:\n  home: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(loader.validate(latin1))
                .extracting(ConfigProblem::toString)
                .containsExactly(latin1 + ": the file is not UTF-8 text");
    }

    /** A valid pipeline at lines 3-5 plus {@code extra} from line 6 on. */
    private static String pipeline(String extra) {
        return """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:inbox/people"
                      into: people
                      %s
                """.formatted(extra);
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }
}
