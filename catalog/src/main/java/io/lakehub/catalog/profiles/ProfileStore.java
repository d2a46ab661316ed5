package io.lakehub.catalog.profiles;

import java.util.List;
import java.util.Optional;

/** The search profiles the catalog keeps (table {@code search_profile}, migration V12). */
public interface ProfileStore {

    /** Every profile, by id. */
    List<StoredProfile> list();

    Optional<StoredProfile> find(String id);

    /** Stores a new profile; false (nothing changed) when one of that id exists. */
    boolean insert(StoredProfile profile);

    /** Removes the profile; false when there was none of that id. */
    boolean delete(String id);
}
