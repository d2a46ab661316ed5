/** Test helpers for the vector engine: a counting provider, a failing provider and seeded synthetic rows. */
package io.lakehub.vector.testing;
