package io.lakehub.app.pipelines;

import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import io.lakehub.schedules.pipeline.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two pipeline configurations, by pipeline id, and for a changed pipeline
 * which keys. Secrets are compared by value (constant-time) but only ever named, never shown;
 * where a pipeline is declared (its line) does not count as a change.
 *
 * @param added ids of new pipelines
 * @param changed for each changed pipeline, the keys whose value changed
 * @param removed ids of pipelines no longer configured
 */
public record PipelineChanges(List<String> added, Map<String, List<String>> changed, List<String> removed) {

    static PipelineChanges between(PipelineConfig before, PipelineConfig after) {
        List<String> added = new ArrayList<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (PipelineDefinition now : after.pipelines()) {
            before.pipeline(now.id())
                    .ifPresentOrElse(
                            was -> {
                                List<String> keys = changedKeys(was, now);
                                if (!keys.isEmpty()) {
                                    changed.put(now.id(), keys);
                                }
                            },
                            () -> added.add(now.id()));
        }
        for (PipelineDefinition was : before.pipelines()) {
            if (after.pipeline(was.id()).isEmpty()) {
                removed.add(was.id());
            }
        }
        return new PipelineChanges(List.copyOf(added), Map.copyOf(changed), List.copyOf(removed));
    }

    boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** Pipelines whose routes must be replaced or removed. */
    List<String> replacedOrRemoved() {
        List<String> ids = new ArrayList<>(changed.keySet());
        ids.addAll(removed);
        return ids;
    }

    private static List<String> changedKeys(PipelineDefinition a, PipelineDefinition b) {
        List<String> keys = new ArrayList<>();
        diff(keys, "from", a.from(), b.from());
        diff(keys, "format", a.format(), b.format());
        diff(keys, "into", a.into(), b.into());
        diff(keys, "mode", a.mode(), b.mode());
        diff(keys, "key", a.key(), b.key());
        diff(keys, "schedule", a.schedule(), b.schedule());
        diff(keys, "timezone", a.timezone(), b.timezone());
        diff(keys, "misfire", a.misfire(), b.misfire());
        if (!sameSecret(a.triggerSecret(), b.triggerSecret())) {
            keys.add("trigger");
        }
        diff(keys, "onError", a.onError(), b.onError());
        diff(keys, "jdbc", a.jdbc(), b.jdbc());
        diff(keys, "cdc", a.cdc(), b.cdc());
        diff(keys, "pii", a.pii(), b.pii());
        diff(keys, "on_bad_rows", a.badRows().action(), b.badRows().action());
        diff(keys, "max_bad_rows", a.badRows().limit(), b.badRows().limit());
        return keys;
    }

    private static void diff(List<String> keys, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            keys.add(key);
        }
    }

    private static boolean sameSecret(Secret a, Secret b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.variable().equals(b.variable()) && a.matches(b.reveal());
    }
}
