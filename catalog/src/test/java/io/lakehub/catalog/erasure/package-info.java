/** Tests of erasures on the embedded (H2) and PostgreSQL catalogs, through the DuckDB query engine. */
package io.lakehub.catalog.erasure;
