package io.lakehub.catalog.commit;

/**
 * Hears about each snapshot committed through this catalog, after its transaction committed. Called
 * on the committing thread, in commit order per dataset: keep it quick (record the change, hand
 * heavy work to another thread). An exception is logged and never undoes or fails the commit.
 */
@FunctionalInterface
public interface CommitListener {

    void committed(DatasetChange change);
}
