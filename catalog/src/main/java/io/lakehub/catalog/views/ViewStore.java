package io.lakehub.catalog.views;

import java.util.List;
import java.util.Optional;

/** The user views the catalog keeps (table {@code lake_view}, migration V6). */
public interface ViewStore {

    /** Every view, by name. */
    List<StoredView> list();

    Optional<StoredView> find(String name);

    /**
     * Stores a new view.
     *
     * @throws DuplicateViewException when a view of that name exists
     */
    void insert(StoredView view);

    /** Removes the view; false when there was none of that name. */
    boolean delete(String name);
}
