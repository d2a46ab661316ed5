/** Background upkeep of the lake while the hub runs: the periodic orphan sweep. */
package io.lakehub.app.maintenance;
