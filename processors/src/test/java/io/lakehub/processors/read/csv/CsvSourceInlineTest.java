package io.lakehub.processors.read.csv;

/** The data pass's source read on the parsing thread (machines with fewer than six cores). */
class CsvSourceInlineTest extends CsvSourceContract {
    @Override
    boolean readsAhead() {
        return false;
    }
}
