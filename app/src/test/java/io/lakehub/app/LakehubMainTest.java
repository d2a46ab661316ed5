package io.lakehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LakehubMainTest {

    @Test
    void onlyTheRunCommandStartsTheHubWhateverTheGlobalOptionsBeforeIt() {
        assertThat(LakehubMain.isRun(new String[] {"run"})).isTrue();
        assertThat(LakehubMain.isRun(new String[] {"--home", "run", "sql", "x"}))
                .isFalse();
        assertThat(LakehubMain.isRun(new String[] {"--home", "/srv/lake", "--config", "c.yaml", "run", "--port", "9"}))
                .isTrue();
        assertThat(LakehubMain.isRun(new String[] {"--home=/srv/lake", "run", "--", "--lakehub.inbox.enabled=false"}))
                .isTrue();
        assertThat(LakehubMain.isRun(new String[] {"sql", "run"})).isFalse();
        assertThat(LakehubMain.isRun(new String[] {"ingest", "run", "--dataset", "d"}))
                .isFalse();
        assertThat(LakehubMain.isRun(new String[] {})).isFalse();
    }

    @Test
    void helpAndVersionAreNotARunButAPropertyAfterTheDoubleDashIs() {
        assertThat(LakehubMain.isRun(new String[] {"run", "--help"})).isFalse();
        assertThat(LakehubMain.isRun(new String[] {"run", "-h"})).isFalse();
        assertThat(LakehubMain.isRun(new String[] {"--version", "run"})).isFalse();
        assertThat(LakehubMain.isRun(new String[] {"run", "--", "--help"})).isTrue();
    }

    @Test
    void cliCommandsLogWarningsOnlyToStderrAndTheHubKeepsItsOwnLogging() {
        String before = System.getProperty(CliLogging.CLI_PROPERTY);
        try {
            System.clearProperty(CliLogging.CLI_PROPERTY);
            LoggerContext hub = new LoggerContext();
            assertThat(new CliLogging().configure(hub)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(hub.getLogger(Logger.ROOT_LOGGER_NAME)
                            .iteratorForAppenders()
                            .hasNext())
                    .isFalse();

            System.setProperty(CliLogging.CLI_PROPERTY, "true");
            LoggerContext cli = new LoggerContext();
            assertThat(new CliLogging().configure(cli))
                    .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            Logger root = cli.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.WARN);
            ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
            assertThat(appender.getTarget()).isEqualTo("System.err");
            assertThat(appender.isStarted()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(CliLogging.CLI_PROPERTY);
            } else {
                System.setProperty(CliLogging.CLI_PROPERTY, before);
            }
        }
    }
}
