package io.lakehub.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @TempDir
    Path home;

    @Test
    void onlyOneHolderAtATimeAndTheLockFileSaysWho() {
        Optional<HomeLock> first = HomeLock.tryAcquire(home, HomeLock.Kind.HUB);
        assertThat(first).isPresent();
        try (HomeLock lock = first.get()) {
            assertThat(HomeLock.tryAcquire(home, HomeLock.Kind.CLI)).isEmpty();
            HomeLock.Holder holder = HomeLock.recordedHolder(home).orElseThrow();
            assertThat(holder.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(holder.kind()).isEqualTo(HomeLock.Kind.HUB);
            assertThat(holder.alive()).isTrue();
            assertThat(lock.file()).isEqualTo(home.resolve(".lakehub.lock"));
        }
        try (HomeLock again = HomeLock.tryAcquire(home, HomeLock.Kind.CLI).orElseThrow()) {
            assertThat(HomeLock.recordedHolder(home).orElseThrow().kind()).isEqualTo(HomeLock.Kind.CLI);
        }
    }

    @Test
    void createsAMissingHome() {
        Path fresh = home.resolve("a/b");
        try (HomeLock lock = HomeLock.tryAcquire(fresh, HomeLock.Kind.CLI).orElseThrow()) {
            assertThat(fresh).isDirectory();
        }
    }

    @Test
    void noHolderIsRecordedInAFreshHome() {
        assertThat(HomeLock.recordedHolder(home)).isEmpty();
        assertThat(HomeLock.recordedHub(home)).isEmpty();
    }

    @Test
    void recordedHubNamesTheHubThatTookTheLockAndNothingElse() throws Exception {
        try (HomeLock lock = HomeLock.tryAcquire(home, HomeLock.Kind.HUB).orElseThrow()) {
            assertThat(HomeLock.recordedHub(home))
                    .hasValue(ProcessHandle.current().pid());
        }
        try (HomeLock lock = HomeLock.tryAcquire(home, HomeLock.Kind.CLI).orElseThrow()) {
            assertThat(HomeLock.recordedHub(home)).isEmpty();
        }
        Files.writeString(home.resolve(HomeLock.FILE_NAME), "pid=twelve\nkind=hub\n");
        assertThat(HomeLock.recordedHub(home)).isEmpty();
    }

    @Test
    void hubFileRoundTripsAndIsOnlyDeletedByItsOwnHub() throws Exception {
        HubFile mine = new HubFile(ProcessHandle.current().pid(), "127.0.0.1", 8123, "2025-01-01T00:00:00Z");
        mine.write(home);

        assertThat(HubFile.read(home)).contains(mine);
        assertThat(mine.baseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(Files.readString(home.resolve("hub.json")))
                .contains("\"started_at\"")
                .contains("\"port\":8123");
        try (var files = Files.list(home)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("hub.json");
        }

        new HubFile(1, "127.0.0.1", 9999, "x").deleteIfOurs(home);
        assertThat(HubFile.read(home)).contains(mine);
        mine.deleteIfOurs(home);
        assertThat(HubFile.read(home)).isEmpty();
    }

    @Test
    void theQuickReadTakesTheFileAsWriteMakesItAndNothingElse() throws Exception {
        HubFile hub = new HubFile(4242, "127.0.0.1", 8123, "2025-01-01T00:00:00.123456789Z");
        assertThat(HubFile.readQuick(home)).isEmpty();
        hub.write(home);
        assertThat(HubFile.readQuick(home)).contains(hub).isEqualTo(HubFile.read(home));
        new HubFile(7, "::1", 80, null).write(home);
        assertThat(HubFile.readQuick(home)).contains(new HubFile(7, "::1", 80, null));

        // Another form (spaces, other fields, escapes): left to read(), which the full command line uses.
        Files.writeString(home.resolve(HubFile.FILE_NAME), "{\"pid\": 1, \"host\": \"h\", \"port\": 2}");
        assertThat(HubFile.readQuick(home)).isEmpty();
        Files.writeString(
                home.resolve(HubFile.FILE_NAME), "{\"pid\":1,\"host\":\"a\\\"b\",\"port\":2,\"started_at\":\"x\"}");
        assertThat(HubFile.readQuick(home)).isEmpty();
        Files.writeString(
                home.resolve(HubFile.FILE_NAME),
                "{\"pid\":99999999999999999999,\"host\":\"h\",\"port\":2,\"started_at\":\"x\"}");
        assertThat(HubFile.readQuick(home)).isEmpty();
    }

    @Test
    void ipv6HostsAreBracketedInTheUrl() {
        assertThat(new HubFile(1, "::1", 80, "x").baseUrl()).isEqualTo("http://[::1]:80");
    }
}
