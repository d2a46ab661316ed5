package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.fake.FakeBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate}, {@code schedules} and {@code pipeline run} on a home no hub holds (in-memory
 * catalog and ingest, the real scheduler tables in the embedded H2 database under the home).
 */
class PipelineCommandsTest {

    @TempDir
    Path temp;

    private final FakeBackends backends = new FakeBackends();
    private final CliRunner cli = new CliRunner(backends, Duration.ofMillis(300));

    private Path config(String pipelines) throws IOException {
        return Files.writeString(temp.resolve("lakehub.yaml"), "lakehub:\n  pipelines:\n" + pipelines);
    }

    private String folder(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name)).toAbsolutePath().toString();
    }

    @Test
    void validateSaysHowManyPipelinesAreOk() throws IOException {
        Path config = config("""
                    - id: people
                      from: "file:%s"
                      into: people
                      schedule: "0 */5 * * * ?"
                """.formatted(folder("in")));

        var r = cli.run("validate", "--config", config.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(config + ": 1 pipeline OK\n");
    }

    @Test
    void validatePrintsEveryProblemWithFileLineAndKeyAndExits1() throws IOException {
        Path config = config("""
                    - id: people
                      from: "file:in"
                      into: people
                      schedule: "0 61 * * * ?"
                      shedule: "x"
                    - id: people
                      from: "file:in"
                      into: people
                      mode: upsert
                      key: [id]
                    - id: secret
                      from: "file:in"
                      into: people
                      trigger: { secret: "${LAKEHUB_SURELY_UNSET_VARIABLE}" }
                """);

        var r = cli.run("--config", config.toString(), "validate");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(config + ":6: lakehub.pipelines[0].schedule: '0 61 * * * ?' is not a valid Quartz cron")
                .contains(config + ":7: lakehub.pipelines[0].shedule: unknown key 'shedule' (did you mean 'schedule'?)")
                .contains(config + ":8: lakehub.pipelines[1].id: duplicate pipeline id 'people'")
                .contains(config + ":16: lakehub.pipelines[2].trigger.secret: environment variable"
                        + " LAKEHUB_SURELY_UNSET_VARIABLE is not set")
                .contains("the hub would refuse to start");
    }

    @Test
    void anUpsertPipelineWithAKeyIsValid() throws IOException {
        Path config = config("""
                    - id: people
                      from: "file:in"
                      into: people
                      mode: upsert
                      key: [id]
                """);

        var r = cli.run("validate", "--config", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void runRefusesABadConfigurationBeforeStartingAnything() throws IOException {
        Path config = config("""
                    - id: people
                      from: "file:in"
                      into: people
                      schedule: "not a cron"
                """);

        var r = cli.run("--home", temp.resolve("home").toString(), "--config", config.toString(), "run", "--port", "0");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains(config + ":6: lakehub.pipelines[0].schedule:")
                .contains("The hub was not started");
        assertThat(temp.resolve("home")).doesNotExist();
    }

    @Test
    void pipelineRunDrainsTheSourceOnceAndExitsWithItsStatusThenSchedulesShowsIt() throws IOException {
        String in = folder("in");
        Files.writeString(Path.of(in, "a.csv"), "id\n1\n2\n");
        Path config = config("""
                    - id: people
                      from: "file:%s?noop=true"
                      format: csv
                      into: people
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                """.formatted(in));
        String home = temp.resolve("home").toString();

        var run = cli.run("--home", home, "--config", config.toString(), "pipeline", "run", "people");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("run 1 of people: succeeded, 2 row(s), started ");

        var schedules = cli.run("--home", home, "--config", config.toString(), "schedules");
        assertThat(schedules.code()).isZero();
        assertThat(schedules.out())
                .contains("people")
                .contains("0 0 3 * * ?")
                .contains("UTC")
                .contains("active")
                .contains("(manual)")
                .contains("succeeded");
    }

    @Test
    void pipelineRunOfAFailingSourceExitsNonZeroWithTheReason() throws IOException {
        String in = folder("bad");
        Files.writeString(Path.of(in, "a.csv"), "age\n1\nREFUSE\n");
        Path config = config("""
                    - id: ages
                      from: "file:%s?noop=true"
                      into: ages
                """.formatted(in));

        var r = cli.run(
                "--home", temp.resolve("home").toString(), "--config", config.toString(), "pipeline", "run", "ages");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("failed");
        assertThat(r.err()).contains("line 3, column 'age'");
        assertThat(cli.run(
                                "--home",
                                temp.resolve("home").toString(),
                                "--config",
                                config.toString(),
                                "pipeline",
                                "run",
                                "nope")
                        .err())
                .contains("There is no pipeline 'nope'");
    }

    @Test
    void onErrorRetriesThenSendsTheOriginalToTheDeadLetterEndpointAndTheRunFails() throws IOException {
        String in = folder("bad-in");
        String dead = temp.resolve("dead").toAbsolutePath().toString();
        Files.writeString(Path.of(in, "a.csv"), "age\n1\nREFUSE\n");
        Path config = config("""
                    - id: ages
                      from: "file:%s?noop=true"
                      into: ages
                      onError: { retries: 2, backoff: 10ms, deadLetter: "file:%s" }
                """.formatted(in, dead));

        var r = cli.run(
                "--home", temp.resolve("home").toString(), "--config", config.toString(), "pipeline", "run", "ages");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 3, column 'age'").contains("sent to the dead letter endpoint");
        assertThat(Path.of(dead, "a.csv")).hasContent("age\n1\nREFUSE\n");
    }

    @Test
    void whileAHubRunsWithTheConfigSchedulesAndPipelineRunGoThroughIt() throws Exception {
        String in = folder("hub-in");
        Files.writeString(Path.of(in, "a.csv"), "id\n1\n2\n3\n");
        Path config = Files.writeString(temp.resolve("hub.yaml"), """
                lakehub:
                  inbox:
                    enabled: false
                  pipelines:
                    - id: people
                      from: "file:%s?noop=true"
                      into: people
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                """.formatted(in));
        String home = temp.resolve("home").toString();
        CliRunner hubCli = new CliRunner(backends, Duration.ofSeconds(5));
        var started = hubCli.run("--home", home, "--config", config.toString(), "run", "--port", "0");
        assertThat(started.code()).as(started.err()).isZero();
        RunCommand run = hubCli.last().getSubcommands().get("run").getCommand();
        try (var hub = run.context()) {
            assertThat(hub.getEnvironment().getProperty("lakehub.inbox.enabled"))
                    .as("the file's other lakehub.* settings apply to the hub")
                    .isEqualTo("false");

            var once = cli.run("--home", home, "--config", config.toString(), "pipeline", "run", "people");
            assertThat(once.code()).as(once.err()).isZero();
            assertThat(once.out()).startsWith("run 1 of people: succeeded, 3 row(s)");

            var schedules = cli.run("--home", home, "schedules", "--format", "json");
            assertThat(schedules.code()).isZero();
            assertThat(schedules.out())
                    .contains("\"pipeline\":\"people\"")
                    .contains("\"cron\":\"0 0 3 * * ?\"")
                    .contains("\"trigger\":\"manual\"");
        }
    }

    @Test
    void aRestartedHubKeepsTheScheduleItsNextFireAndItsPause() throws Exception {
        Path config = config("""
                    - id: nightly
                      from: "file:%s?noop=true"
                      into: nightly
                      schedule: "0 0 3 * * ?"
                      timezone: UTC
                """.formatted(folder("restart-in")));
        String home = temp.resolve("home").toString();
        String[] start = {
            "--home", home, "--config", config.toString(), "run", "--port", "0", "--", "--lakehub.inbox.enabled=false"
        };

        CliRunner first = new CliRunner(backends, Duration.ofSeconds(5));
        assertThat(first.run(start).code()).isZero();
        RunCommand run = first.last().getSubcommands().get("run").getCommand();
        try (var hub = run.context()) {
            assertThat(hub.getBean(io.lakehub.app.pipelines.HubPipelines.class).pause("nightly"))
                    .isTrue();
        }

        CliRunner second = new CliRunner(backends, Duration.ofSeconds(5));
        assertThat(second.run(start).code()).isZero();
        RunCommand again = second.last().getSubcommands().get("run").getCommand();
        try (var hub = again.context()) {
            var schedule = hub.getBean(io.lakehub.app.pipelines.HubPipelines.class)
                    .schedules()
                    .get(0);
            assertThat(schedule.pipelineId()).isEqualTo("nightly");
            assertThat(schedule.cron()).isEqualTo("0 0 3 * * ?");
            assertThat(schedule.paused()).as("the pause survived the restart").isTrue();
            assertThat(hub.getBean(io.lakehub.app.pipelines.HubPipelines.class).resume("nightly"))
                    .isTrue();
            assertThat(hub.getBean(io.lakehub.app.pipelines.HubPipelines.class)
                            .schedules()
                            .get(0)
                            .nextFireTimes())
                    .first()
                    .satisfies(t -> assertThat(t.toString()).endsWith("T03:00:00Z"));
        }
    }
}
