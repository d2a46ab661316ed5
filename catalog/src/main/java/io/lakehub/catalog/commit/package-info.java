/**
 * What a commit carries into the catalog (new data files with their statistics, lineage, the
 * schema to record) and what the catalog hands back: snapshots, files, lineage records.
 */
package io.lakehub.catalog.commit;
