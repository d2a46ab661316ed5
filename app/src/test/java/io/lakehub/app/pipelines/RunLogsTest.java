package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.schedules.PipelineRun;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A run's log lines are filed under the run id in the MDC, capped, and nothing else is kept. */
class RunLogsTest {
    private static final Logger LOG = LoggerFactory.getLogger(RunLogsTest.class);
    private final RunLogs logs = new RunLogs();

    @AfterEach
    void detach() {
        logs.destroy();
    }

    @Test
    void linesLoggedDuringARunAreKeptUnderItsIdAndOthersAreNot() {
        LOG.info("before any run");
        try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, "7")) {
            LOG.info("reading {} rows", 3);
            LOG.warn("a file was refused", new IOException("bad.csv: line 3", new IllegalStateException("cause")));
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, "8")) {
            LOG.info("the other run");
        }
        LOG.info("after the runs");

        RunLogs.RunLog seven = logs.of(7).orElseThrow();
        assertThat(seven.dropped()).isZero();
        assertThat(seven.lines())
                .extracting(RunLogs.Line::message)
                .containsExactly(
                        "reading 3 rows",
                        "a file was refused\n  java.io.IOException: bad.csv: line 3"
                                + "\n  caused by java.lang.IllegalStateException: cause");
        assertThat(seven.lines()).extracting(RunLogs.Line::level).containsExactly("INFO", "WARN");
        assertThat(seven.lines()).extracting(RunLogs.Line::logger).containsOnly("RunLogsTest");
        assertThat(logs.of(8).orElseThrow().lines())
                .extracting(RunLogs.Line::message)
                .containsExactly("the other run");
        assertThat(logs.of(9)).isEmpty();
    }

    @Test
    void aLongRunKeepsItsLastLinesAndCountsTheDroppedOnes() {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, "1")) {
            for (int i = 0; i < RunLogs.MAX_LINES + 5; i++) {
                LOG.info("line {}", i);
            }
        }
        RunLogs.RunLog log = logs.of(1).orElseThrow();
        assertThat(log.dropped()).isEqualTo(5);
        assertThat(log.lines()).hasSize(RunLogs.MAX_LINES);
        assertThat(log.lines().getFirst().message()).isEqualTo("line 5");
    }

    @Test
    void theOldestRunsAreForgottenFirst() {
        for (int run = 1; run <= RunLogs.MAX_RUNS + 1; run++) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, Integer.toString(run))) {
                LOG.info("run {}", run);
            }
        }
        assertThat(logs.of(1)).isEmpty();
        assertThat(logs.of(2)).isPresent();
        assertThat(logs.of(RunLogs.MAX_RUNS + 1)).isPresent();
    }

    @Test
    void afterDestroyNothingIsKept() {
        logs.destroy();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, "3")) {
            LOG.info("too late");
        }
        assertThat(logs.of(3)).isEmpty();
    }
}
