package io.lakehub.schedules.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:default}} placeholders from the environment, the way
 * Spring Boot writes them. Problems name the variable, never a value.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)(?::([^}]*))?}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    /** A whole value that is exactly one placeholder without default, as secrets must be. */
    private static final Pattern SOLE_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    private final Map<String, String> env;

    Placeholders(Map<String, String> env) {
        this.env = env;
    }

    /** The resolved text, or the problems (each a message without a key path). */
    record Result(String value, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    Result resolve(String template) {
        List<String> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            last = m.end();
            String name = m.group(1);
            String fallback = m.group(2);
            if (!NAME.matcher(name).matches()) {
                problems.add("'${" + name + "}' is not a valid placeholder; write ${ENVIRONMENT_VARIABLE}");
                continue;
            }
            String value = env.get(name);
            if (value != null) {
                out.append(value);
            } else if (fallback != null) {
                out.append(fallback);
            } else {
                problems.add("environment variable " + name + " is not set (used as ${" + name + "})");
            }
        }
        out.append(template, last, template.length());
        if (template.indexOf("${", last) >= 0) {
            problems.add("a '${' placeholder is not closed with '}'");
        }
        return new Result(out.toString(), problems);
    }

    /** The variable name when the template is exactly {@code ${NAME}}, else null. */
    static String soleVariable(String template) {
        Matcher m = SOLE_PLACEHOLDER.matcher(template.strip());
        return m.matches() ? m.group(1) : null;
    }

    static boolean hasPlaceholder(String template) {
        return template.contains("${");
    }
}
