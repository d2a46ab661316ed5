package io.lakehub.processors.read.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The data pass's source read ahead on a thread of its own. */
class CsvSourceReadAheadTest extends CsvSourceContract {
    @Override
    boolean readsAhead() {
        return true;
    }

    @Test
    void readsAheadOnlyWhereACoreIsFreeBesidesTheParserAndFourWritersUnlessTold() {
        assertThat(CsvSource.readAhead("", 2)).isFalse();
        assertThat(CsvSource.readAhead("", 5)).isFalse();
        assertThat(CsvSource.readAhead("", 6)).isTrue();
        assertThat(CsvSource.readAhead("on", 2)).isTrue();
        assertThat(CsvSource.readAhead("off", 16)).isFalse();
    }
}
