/**
 * The database poller: a {@link io.lakehub.processors.chain.BatchSource} over a PostgreSQL or
 * MySQL/MariaDB table or SELECT. {@link io.lakehub.processors.source.jdbc.JdbcSource} reads in
 * keyset pages ordered by a composite cursor (incremental) or by the primary key (full snapshot),
 * maps every column to a lake type (refusing the ones it cannot map, by name), and reports the
 * cursor reached as its position, which the sink commits in the same catalog transaction as the
 * rows. See docs/adr/0010-database-pollers.md.
 */
package io.lakehub.processors.source.jdbc;
