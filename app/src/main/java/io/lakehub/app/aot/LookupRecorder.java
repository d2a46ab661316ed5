package io.lakehub.app.aot;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.springframework.core.env.PropertySource;

/**
 * A property source that holds nothing and notes every name asked of it. Put first in the environment while
 * Spring's AOT processing evaluates the hub's conditions, it sees each property a condition reads (directly, or
 * through Spring Boot's binder, which asks a source that cannot list its names for each name it binds).
 */
final class LookupRecorder extends PropertySource<Set<String>> {
    static final String NAME = "lakehubConditionLookups";

    LookupRecorder() {
        super(NAME, new ConcurrentSkipListSet<>());
    }

    @Override
    public Object getProperty(String name) {
        getSource().add(name);
        return null;
    }

    /** The names asked so far, sorted. */
    Set<String> names() {
        return Set.copyOf(getSource());
    }
}
