package io.lakehub.app.api.document;

import java.util.Locale;

/** Small renderings shared by the documents. */
final class Documents {
    private Documents() {}

    /** An enum constant as the API spells it: lower case. */
    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
