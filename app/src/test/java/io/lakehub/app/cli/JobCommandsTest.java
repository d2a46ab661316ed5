package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.Json;
import io.lakehub.app.hub.DefaultHubBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs} and {@code job run} on a home no hub holds, on the real back ends (embedded H2
 * catalog, the scheduler's tables beside it): the orphan sweep is a maintenance job the CLI runs
 * under the same claim and into the same history as the hub.
 */
class JobCommandsTest {

    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofMillis(300));

    private Path home() throws IOException {
        return Files.createDirectories(temp.resolve("home"));
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(temp.resolve("lakehub.yaml"), yaml);
    }

    /** A file a crashed writer left in a dataset folder, last written a day ago. */
    private Path orphan(Path home) throws IOException {
        Path file = Files.createDirectories(home.resolve("lake").resolve("people"))
                .resolve("20261121T100000Z-crashed.parquet");
        Files.write(file, new byte[] {'P', 'A', 'R', '1'});
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        return file;
    }

    @Test
    void jobsListsTheOrphanSweepWithItsScheduleAndAPipelineBesideIt() throws IOException {
        Path home = home();
        Path in = Files.createDirectories(temp.resolve("in"));
        Path config = config("""
                lakehub:
                  maintenance:
                    orphan-sweep:
                      schedule: "0 5 * * * ?"
                  pipelines:
                    - id: people
                      from: "file:%s"
                      into: people
                      schedule: "0 */5 * * * ?"
                """.formatted(in.toAbsolutePath()));

        var table = cli.run("jobs", "--home", home.toString(), "--config", config.toString());
        var json = cli.run("jobs", "--home", home.toString(), "--config", config.toString(), "--format", "json");

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("orphan-sweep | maintenance | 0 5 * * * ?")
                .contains("people       | pipeline    | 0 */5 * * * ?");
        List<JobDocument> jobs = Json.MAPPER.readValue(
                json.out(), Json.MAPPER.getTypeFactory().constructCollectionType(List.class, JobDocument.class));
        assertThat(jobs).extracting(JobDocument::id).containsExactly("people", "compaction", "orphan-sweep");
        JobDocument sweep = jobs.get(2);
        assertThat(sweep.kind()).isEqualTo("maintenance");
        assertThat(sweep.state()).isEqualTo("active");
        assertThat(sweep.description()).contains("lakehub.orphans.grace");
        assertThat(sweep.nextFireTimes())
                .hasSize(3)
                .allSatisfy(t -> assertThat(Instant.parse(t)).isAfter(Instant.now()));
        assertThat(sweep.lastRun()).isNull();
    }

    @Test
    void jobRunSweepsTheOrphansRecordsTheRunAndExits0() throws IOException {
        Path home = home();
        Path orphan = orphan(home);
        Path config = config("""
                lakehub:
                  orphans:
                    grace: 1h
                """);

        var run = cli.run("job", "run", "orphan-sweep", "--home", home.toString(), "--config", config.toString());
        var jobs = cli.run("jobs", "--home", home.toString(), "--config", config.toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .startsWith("run ")
                .contains("of maintenance job orphan-sweep: succeeded (deleted 1 orphan file older than PT1H)");
        assertThat(orphan).doesNotExist();
        List<JobDocument> listed = Json.MAPPER.readValue(
                jobs.out(), Json.MAPPER.getTypeFactory().constructCollectionType(List.class, JobDocument.class));
        assertThat(listed.get(1).lastRun()).satisfies(last -> {
            assertThat(last.kind()).isEqualTo("maintenance");
            assertThat(last.job()).isEqualTo("orphan-sweep");
            assertThat(last.pipeline()).isNull();
            assertThat(last.trigger()).isEqualTo("manual");
            assertThat(last.status()).isEqualTo("succeeded");
            assertThat(last.result()).isEqualTo("deleted 1 orphan file older than PT1H");
            assertThat(last.endedAt()).isNotNull();
        });
    }

    @Test
    void aDisabledJobIsListedAsSuchAndCannotBeRun() throws IOException {
        Path home = home();
        Path orphan = orphan(home);
        Path config = config("""
                lakehub:
                  maintenance:
                    orphan-sweep:
                      enabled: false
                """);

        var run = cli.run("job", "run", "orphan-sweep", "--home", home.toString(), "--config", config.toString());
        var jobs = cli.run("jobs", "--home", home.toString(), "--config", config.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("orphan-sweep").contains("disabled");
        assertThat(orphan).as("nothing was swept").exists();
        assertThat(jobs.out()).containsPattern("orphan-sweep \\| maintenance \\| - +\\| disabled");
    }

    @Test
    void theRetiredSweepIntervalIsRefusedNamingItsReplacement() throws IOException {
        Path home = home();
        Path config = config("""
                lakehub:
                  orphans:
                    sweep-interval: 30m
                """);

        var run = cli.run("jobs", "--home", home.toString(), "--config", config.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("lakehub.orphans.sweep-interval")
                .contains("lakehub.maintenance.orphan-sweep.schedule");
    }

    @Test
    void anUnknownJobIsRefusedNamingTheKnownOnes() throws IOException {
        Path home = home();

        var run = cli.run("job", "run", "vacuum", "--home", home.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("There is no job 'vacuum'").contains("orphan-sweep");
    }
}
