package io.lakehub.catalog.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * IN lists of bind parameters, in chunks small enough for any driver (PostgreSQL allows 32767
 * parameters per statement) and for the database's plan cache to see few distinct shapes.
 */
final class SqlLists {
    static final int CHUNK = 500;

    private SqlLists() {}

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
