package io.lakehub.app.aot;

import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;

/**
 * A property source that holds nothing and notes every name asked of it. Put first in the environment while
 * Spring's AOT processing evaluates the hub's conditions, it sees each property a condition reads (directly, or
 * through Spring Boot's binder, which asks every source for each name it binds).
 *
 * <p>It lists its (no) names, so that a question "is anything set under this prefix?" gets the same answer with it
 * as without it; code that asks such questions notes the prefix with {@link #noteSettingsUnder}, and the record
 * then compares everything under it ({@link BuildEnvironment}).
 */
public final class LookupRecorder extends EnumerablePropertySource<Set<String>> {
    static final String NAME = "lakehubConditionLookups";

    private static final String[] NO_NAMES = new String[0];

    LookupRecorder() {
        super(NAME, new ConcurrentSkipListSet<>());
    }

    /**
     * For code that decides on whether any setting exists under {@code prefix} (instead of asking for names):
     * while the build records, the prefix is noted so that a start with a setting under it does not use the
     * prepared context. Does nothing otherwise.
     */
    public static void noteSettingsUnder(Environment environment, String prefix) {
        if (environment instanceof ConfigurableEnvironment configurable
                && configurable.getPropertySources().get(NAME) instanceof LookupRecorder recorder) {
            recorder.getSource().add(prefix);
        }
    }

    @Override
    public Object getProperty(String name) {
        getSource().add(name);
        return null;
    }

    @Override
    public String[] getPropertyNames() {
        return NO_NAMES;
    }

    /** The names asked so far. */
    Set<String> names() {
        return Set.copyOf(getSource());
    }
}
