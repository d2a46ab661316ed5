package io.lakehub.processors.source.jdbc;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Test helper: everything a log would show of a failure, causes and suppressed included. */
final class Throwables {
    private Throwables() {}

    static String all(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out + " " + t;
    }
}
