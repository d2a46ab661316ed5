package io.lakehub.processors.governance;

import io.lakehub.processors.pii.PiiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A pipeline's {@code pii:} block:
 *
 * <pre>
 * pii:
 *   scan: true                 # default; false: no scan and no policy for this pipeline
 *   policies:
 *     - column: email
 *       action: hash
 *     - type: CREDIT_CARD
 *       action: mask
 *       keep_suffix: 4
 * </pre>
 *
 * @param scan whether the pipeline's ingests are scanned (and governed)
 * @param policies in declaration order; a column policy wins over a type policy
 */
public record PiiConfig(boolean scan, List<PiiPolicy> policies) {
    /** Scan on, no policy: every PII column is flagged. */
    public static final PiiConfig DEFAULT = new PiiConfig(true, List.of());

    private static final Set<String> BLOCK_KEYS = Set.of("scan", "policies");
    private static final Set<String> POLICY_KEYS = Set.of("column", "type", "action", "keep_prefix", "keep_suffix");

    public PiiConfig {
        policies = List.copyOf(policies);
    }

    /**
     * Reads a {@code pii:} block as parsed from YAML (maps, lists, strings, numbers, booleans).
     *
     * @param raw the value of {@code pii:}; {@code null} gives {@link #DEFAULT}
     * @param where the file, e.g. {@code pipelines/orders.yaml}, for the policies' keys
     * @param path the block's key path, e.g. {@code pii} or {@code lakehub.pipelines[0].pii}
     * @param problems receives the key path and the message of each problem
     * @return the configuration, or {@link #DEFAULT} when there were problems (then not used: the
     *     caller refuses the file)
     */
    public static PiiConfig parse(Object raw, String where, String path, BiConsumer<String, String> problems) {
        if (raw == null) {
            return DEFAULT;
        }
        if (!(raw instanceof Map<?, ?> block)) {
            problems.accept(path, "expected a mapping, e.g. pii: { scan: true, policies: [...] }");
            return DEFAULT;
        }
        int[] count = {0};
        Consumer<String> problem = p -> {
            count[0]++;
            int colon = p.indexOf(": ");
            problems.accept(path + p.substring(0, colon), p.substring(colon + 2));
        };
        for (Object k : block.keySet()) {
            if (!BLOCK_KEYS.contains(String.valueOf(k))) {
                problem.accept("." + k + ": unknown key (known: scan, policies)");
            }
        }
        boolean scan = true;
        Object s = block.get("scan");
        if (s instanceof Boolean b) {
            scan = b;
        } else if (s != null) {
            problem.accept(".scan: expected true or false, not '" + s + "'");
        }
        List<PiiPolicy> policies = new ArrayList<>();
        Object p = block.get("policies");
        if (p instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                policy(list.get(i), ".policies[" + i + "]", where + ": " + path, problem)
                        .ifPresent(policies::add);
            }
        } else if (p != null) {
            problem.accept(".policies: expected a list, e.g. policies: [{ column: email, action: hash }]");
        }
        return count[0] > 0 ? DEFAULT : new PiiConfig(scan, policies);
    }

    /** {@link #parse(Object, String, String, BiConsumer)} with each problem as {@code <where>: <key>: <message>}. */
    public static PiiConfig parse(Object raw, String where, Consumer<String> problems) {
        return parse(raw, where, "pii", (key, message) -> problems.accept(where + ": " + key + ": " + message));
    }

    private static Optional<PiiPolicy> policy(Object raw, String key, String where, Consumer<String> problem) {
        if (!(raw instanceof Map<?, ?> m)) {
            problem.accept(key + ": expected a mapping, e.g. { column: email, action: mask, keep_suffix: 4 }");
            return Optional.empty();
        }
        boolean ok = true;
        for (Object k : m.keySet()) {
            if (!POLICY_KEYS.contains(String.valueOf(k))) {
                problem.accept(key + "." + k + ": unknown key (known: column, type, action, keep_prefix, keep_suffix)");
                ok = false;
            }
        }
        String column =
                m.get("column") == null ? null : String.valueOf(m.get("column")).trim();
        PiiType type = null;
        if (m.get("type") != null) {
            String t = String.valueOf(m.get("type")).trim();
            type = Arrays.stream(PiiType.values())
                    .filter(v -> v.name().equalsIgnoreCase(t))
                    .findFirst()
                    .orElse(null);
            if (type == null) {
                problem.accept(key + ".type: unknown entity type '" + t + "' (known: "
                        + String.join(
                                ", ",
                                Arrays.stream(PiiType.values()).map(Enum::name).toList()) + ")");
                ok = false;
            }
        }
        if ((column == null || column.isEmpty()) && m.get("type") == null) {
            problem.accept(key + ": names neither a column nor a type (column: email or type: EMAIL)");
            ok = false;
        } else if (column != null && m.get("type") != null) {
            problem.accept(key + ": names both a column and a type; write them as two policies");
            ok = false;
        }
        PiiAction action = PiiAction.FLAG;
        Object a = m.get("action");
        if (a == null) {
            problem.accept(key + ".action: missing (one of " + PiiAction.known() + ")");
            ok = false;
        } else {
            Optional<PiiAction> parsed = PiiAction.parse(String.valueOf(a));
            if (parsed.isEmpty()) {
                problem.accept(key + ".action: unknown action '" + a + "' (known: " + PiiAction.known() + ")");
                ok = false;
            } else {
                action = parsed.get();
                if (action == PiiAction.QUARANTINE && m.get("type") != null) {
                    problem.accept(key + ".action: quarantine names the free-text column whose cells are checked"
                            + " (column: notes), not a type");
                    ok = false;
                }
            }
        }
        int prefix = keep(m, "keep_prefix", key, problem);
        int suffix = keep(m, "keep_suffix", key, problem);
        if (prefix < 0 || suffix < 0) {
            ok = false;
        } else if ((prefix > 0 || suffix > 0) && action != PiiAction.MASK) {
            problem.accept(key + ": keep_prefix and keep_suffix only apply to action: mask");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        String id = where + key;
        return Optional.of(new PiiPolicy(id, column, type, action, prefix, suffix));
    }

    private static int keep(Map<?, ?> m, String name, String key, Consumer<String> problem) {
        Object v = m.get(name);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n && n.longValue() >= 0 && n.longValue() <= 1000 && n.doubleValue() == n.longValue()) {
            return n.intValue();
        }
        problem.accept(key + "." + name + ": expected a whole number from 0 to 1000, not '" + v + "'");
        return -1;
    }
}
