/**
 * The {@code lakehub-jdbc:} Camel component: the database poller as a Camel source. A poll of
 * {@code lakehub-jdbc:<pipeline id>} yields one exchange whose body is the pipeline's {@link
 * io.lakehub.processors.source.jdbc.JdbcSource}; the {@code lakehub:} producer drains it through
 * the processor chain and commits its rows with its cursor in one catalog transaction.
 */
package io.lakehub.routes.jdbc;
