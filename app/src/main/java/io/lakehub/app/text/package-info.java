/**
 * Plain-text renderings shared by the command line and the HTTP API: aligned tables ({@link
 * io.lakehub.app.text.TextTable}), how values look in them ({@link io.lakehub.app.text.Cells}), and a
 * query's answer as a table or CSV ({@link io.lakehub.app.text.SqlText}), which {@code lakehub sql}
 * prints and {@code POST /api/sql} answers for {@code Accept: text/plain} or {@code text/csv}.
 */
package io.lakehub.app.text;
