/** Tests of the vector index registry on the embedded (H2) catalog: build leases and publishes. */
package io.lakehub.catalog.vectors;
