/**
 * Test doubles and fixtures shared by the modules' tests: {@link io.lakehub.testing.InMemoryCatalog},
 * the one in-memory {@link io.lakehub.catalog.Catalog}. Used in test scope only. Doubles that need
 * the processors module's types live in that module's test-jar ({@code io.lakehub.processors.testing}),
 * because processors' own tests use this module.
 */
package io.lakehub.testing;
