package io.lakehub.app.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the build's evaluation of the hub's conditions depended on besides the class path: the value of every
 * property the conditions read (or that none was set), the active profiles, the cloud platform Spring Boot
 * detected and the Java feature release. Written at build time into {@link #RESOURCE}; a start whose environment
 * differs in any of these evaluates the conditions itself (ADR 0066).
 */
final class BuildEnvironment {
    /** Where the build puts it, beside the generated code. */
    static final String RESOURCE = "META-INF/lakehub/aot-environment.properties";

    private static final String SET = "set.";
    private static final String UNSET = "unset.";
    private static final String PROFILES = "profiles";
    private static final String CLOUD_PLATFORM = "cloud-platform";
    private static final String JAVA = "java-feature";
    /** Stands for a value whose placeholders cannot be resolved (the lookup throws). */
    private static final String UNRESOLVABLE = "\u0000unresolvable";

    /** Property name to its value; empty when the property was not set. Sorted by name. */
    private final Map<String, Optional<String>> properties;

    private final List<String> profiles;
    private final String cloudPlatform;
    private final int javaFeature;

    private BuildEnvironment(
            Map<String, Optional<String>> properties, List<String> profiles, String cloudPlatform, int javaFeature) {
        this.properties = properties;
        this.profiles = profiles;
        this.cloudPlatform = cloudPlatform;
        this.javaFeature = javaFeature;
    }

    /** The environment's answers for {@code names}, with its profiles, cloud platform and Java release. */
    static BuildEnvironment of(ConfigurableEnvironment environment, Set<String> names) {
        Map<String, Optional<String>> properties = new TreeMap<>();
        for (String name : names) {
            properties.put(name, value(environment, name));
        }
        return new BuildEnvironment(
                properties,
                List.of(environment.getActiveProfiles()),
                cloudPlatform(environment),
                Runtime.version().feature());
    }

    /**
     * The first way {@code environment} differs from this build's, in words that name the property but never
     * its value (a value may be a password); empty when the prepared context holds for it.
     */
    Optional<String> differenceFrom(ConfigurableEnvironment environment) {
        if (Runtime.version().feature() != javaFeature) {
            return Optional.of("Java " + Runtime.version().feature() + " instead of the build's " + javaFeature);
        }
        List<String> active = List.of(environment.getActiveProfiles());
        if (!active.equals(profiles)) {
            return Optional.of("profiles " + active + " instead of the build's " + profiles);
        }
        String platform = cloudPlatform(environment);
        if (!platform.equals(cloudPlatform)) {
            return Optional.of("cloud platform " + platform + " detected");
        }
        for (Map.Entry<String, Optional<String>> e : properties.entrySet()) {
            Optional<String> now = value(environment, e.getKey());
            if (!now.equals(e.getValue())) {
                return Optional.of(
                        e.getValue().isEmpty()
                                ? "property " + e.getKey() + " is set"
                                : now.isEmpty()
                                        ? "property " + e.getKey() + " is not set"
                                        : "property " + e.getKey() + " has another value");
            }
        }
        return Optional.empty();
    }

    /** The property names the build's conditions read. */
    Set<String> names() {
        return properties.keySet();
    }

    /** As a properties file, sorted, without a date: the same conditions give the same bytes. */
    String write() {
        Properties p = new Properties();
        properties.forEach((name, value) -> {
            if (value.isPresent()) {
                p.setProperty(SET + name, value.get());
            } else {
                p.setProperty(UNSET + name, "");
            }
        });
        p.setProperty(PROFILES, String.join(",", profiles));
        p.setProperty(CLOUD_PLATFORM, cloudPlatform);
        p.setProperty(JAVA, Integer.toString(javaFeature));
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        StringBuilder text = new StringBuilder(
                "# The settings Spring's AOT processing of the hub evaluated its conditions with (ADR 0066).\n");
        out.toString()
                .lines()
                .filter(l -> !l.startsWith("#"))
                .forEach(l -> text.append(l).append('\n'));
        return text.toString();
    }

    /** Parses {@link #write()}'s text; {@code source} names it in the error. */
    static BuildEnvironment parse(String text, String source) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Could not read " + source + ": " + e.getMessage(), e);
        }
        Map<String, Optional<String>> properties = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SET)) {
                properties.put(key.substring(SET.length()), Optional.of(p.getProperty(key)));
            } else if (key.startsWith(UNSET)) {
                properties.put(key.substring(UNSET.length()), Optional.empty());
            }
        }
        String java = p.getProperty(JAVA);
        String platform = p.getProperty(CLOUD_PLATFORM);
        if (java == null || platform == null || !p.containsKey(PROFILES)) {
            throw new IllegalStateException(
                    source + " lacks " + JAVA + ", " + CLOUD_PLATFORM + " or " + PROFILES + "; rebuild the hub");
        }
        String profiles = p.getProperty(PROFILES);
        List<String> active = profiles.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(profiles.split(",")));
        try {
            return new BuildEnvironment(properties, List.copyOf(active), platform, Integer.parseInt(java));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(source + ": " + JAVA + " is not a number: " + java, e);
        }
    }

    /** The build's record on the class path, if this build has one. */
    static Optional<BuildEnvironment> load(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE + " from the class path", e);
        }
    }

    private static Optional<String> value(ConfigurableEnvironment environment, String name) {
        try {
            return Optional.ofNullable(environment.getProperty(name));
        } catch (IllegalArgumentException e) {
            return Optional.of(UNRESOLVABLE); // the same unresolvable placeholder at build time and now compares equal
        }
    }

    private static String cloudPlatform(ConfigurableEnvironment environment) {
        CloudPlatform platform = CloudPlatform.getActive(environment);
        return Objects.toString(platform, "NONE");
    }
}
