/** Test helpers shared by the processors tests: Arrow batch builders, DuckDB read-back. */
package io.lakehub.processors.testing;
