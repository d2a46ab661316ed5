package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakehub.app.progress.FileReadPosition;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {

    @TempDir
    Path dir;

    @Test
    void sizesAndTimesReadTheWayAUserWritesThem() {
        assertThat(ProgressBar.bytes(999)).isEqualTo("999 B");
        assertThat(ProgressBar.bytes(206_100_000)).isEqualTo("206.1 MB");
        assertThat(ProgressBar.bytes(2_000_000_000L)).isEqualTo("2.00 GB");
        assertThat(ProgressBar.clock(7.4)).isEqualTo("0:07");
        assertThat(ProgressBar.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void aRunsProgressReadsAsBytesOfTheFileWithRowsOrAsRowsWithoutATotal() {
        assertThat(ProgressBar.describe(
                        Optional.of(new ProgressBar.Reading(5_000_000, 20_000_000, "bytes", 1_000_000.0, 15L, 42_000L)),
                        5))
                .isEqualTo("[######..................]  25%  5.0 MB / 20.0 MB  1.0 MB/s  ETA 0:15  42,000 rows");
        assertThat(ProgressBar.describe(
                        Optional.of(new ProgressBar.Reading(120_000, -1, "rows", 40_000.0, null, 120_000L)), 3))
                .isEqualTo("120,000 rows  40,000 rows/s  0:03");
        assertThat(ProgressBar.describe(Optional.empty(), 65)).isEqualTo("running  1:05");
    }

    @Test
    void withoutATerminalNothingIsDrawn() throws Exception {
        assumeTrue(!Boolean.getBoolean(ProgressBar.TERMINAL_PROPERTY));
        Path file = Files.writeString(dir.resolve("rows.csv"), "id\n1\n");
        StringWriter err = new StringWriter();
        try (ProgressBar.Display shown = ProgressBar.fileReadBy(new PrintWriter(err), "rows", file, 1)) {
            assertThat(shown).isNotNull();
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void knowsHowFarAProcessHasReadAFileItHoldsOpen() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "Linux /proc only");
        Path file = Files.write(dir.resolve("big.csv"), new byte[100_000]);
        FileReadPosition position = new FileReadPosition(ProcessHandle.current().pid(), file);
        assertThat(position.get()).isEmpty();
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(12_345);
            assertThat(position.get()).isEqualTo(OptionalLong.of(12_345));
            in.readNBytes(10_000);
            assertThat(position.get()).isEqualTo(OptionalLong.of(22_345));
        }
        assertThat(position.get()).isEmpty();
    }
}
