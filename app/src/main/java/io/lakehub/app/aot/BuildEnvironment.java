package io.lakehub.app.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the build's evaluation of the hub's conditions depended on besides the class path: the value of every
 * property the conditions read (or that none was set), everything set under such a property (a condition that binds
 * {@code camel.ssl} or {@code springdoc} as a whole depends on each setting below it, which it never asks for by
 * name), the active profiles, the cloud platform Spring Boot detected and the Java feature release. Written at build
 * time into {@link #RESOURCE}; a start whose environment differs in any of these evaluates the conditions itself
 * (ADR 0066). Values are kept as SHA-256 digests, so that the jar holds no setting of the machine that built it.
 */
final class BuildEnvironment {
    /** Where the build puts it, beside the generated code. */
    static final String RESOURCE = "META-INF/lakehub/aot-environment.properties";

    private static final String SET = "set.";
    private static final String UNSET = "unset.";
    private static final String UNDER = "under.";
    private static final String PROFILES = "profiles";
    private static final String CLOUD_PLATFORM = "cloud-platform";
    private static final String JAVA = "java-feature";
    /** Stands for a value whose placeholders cannot be resolved (the lookup throws). */
    private static final String UNRESOLVABLE = "\u0000unresolvable";

    /** Property name to its value's digest; empty when the property was not set. Sorted by name. */
    private final Map<String, Optional<String>> properties;

    /** Property name to the digest of everything set under it, for the names with anything set under them. */
    private final Map<String, String> under;

    private final List<String> profiles;
    private final String cloudPlatform;
    private final int javaFeature;

    private BuildEnvironment(
            Map<String, Optional<String>> properties,
            Map<String, String> under,
            List<String> profiles,
            String cloudPlatform,
            int javaFeature) {
        this.properties = properties;
        this.under = under;
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
                under(environment, names),
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
        Map<String, String> nowUnder = under(environment, properties.keySet());
        if (!nowUnder.equals(under)) {
            Set<String> names = new TreeSet<>(under.keySet());
            names.addAll(nowUnder.keySet());
            for (String name : names) {
                if (!Objects.equals(under.get(name), nowUnder.get(name))) {
                    return Optional.of("the settings under " + name + " differ");
                }
            }
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
        under.forEach((name, digest) -> p.setProperty(UNDER + name, digest));
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
        Map<String, String> under = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SET)) {
                properties.put(key.substring(SET.length()), Optional.of(p.getProperty(key)));
            } else if (key.startsWith(UNSET)) {
                properties.put(key.substring(UNSET.length()), Optional.empty());
            } else if (key.startsWith(UNDER)) {
                under.put(key.substring(UNDER.length()), p.getProperty(key));
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
            return new BuildEnvironment(properties, under, List.copyOf(active), platform, Integer.parseInt(java));
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
            return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE + " from the class path", e);
        }
    }

    /** The digest of the property's value as the environment resolves it; empty when it is not set. */
    private static Optional<String> value(ConfigurableEnvironment environment, String name) {
        String value;
        try {
            value = environment.getProperty(name);
        } catch (IllegalArgumentException e) {
            value = UNRESOLVABLE; // the same unresolvable placeholder at build time and now compares equal
        }
        return Optional.ofNullable(value).map(BuildEnvironment::digest);
    }

    /**
     * For each of {@code names} with anything set under it in a source that can list its names (files, arguments,
     * system properties, environment variables; relaxed names such as {@code CAMEL_SSL_CERT_ALIAS} count), the
     * digest of those settings: their names and the values of the source that wins for each.
     */
    static Map<String, String> under(ConfigurableEnvironment environment, Set<String> names) {
        Map<ConfigurationPropertyName, String> roots = new HashMap<>();
        for (String name : names) {
            if (ConfigurationPropertyName.isValid(name)) {
                roots.put(ConfigurationPropertyName.of(name), name);
            }
        }
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.stream().forEach(setting -> {
                for (ConfigurationPropertyName a = setting.getParent(); !a.isEmpty(); a = a.getParent()) {
                    String root = roots.get(a);
                    if (root != null) {
                        ConfigurationProperty property = iterable.getConfigurationProperty(setting);
                        Object value = property == null ? null : property.getValue();
                        settings.computeIfAbsent(root, r -> new TreeMap<>())
                                .putIfAbsent(setting.toString(), String.valueOf(value));
                    }
                }
            });
        }
        Map<String, String> digests = new TreeMap<>();
        settings.forEach((root, below) -> {
            StringBuilder text = new StringBuilder();
            below.forEach(
                    (name, value) -> text.append(name).append('=').append(value).append('\n'));
            digests.put(root, digest(text.toString()));
        });
        return digests;
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must have", e);
        }
    }

    private static String cloudPlatform(ConfigurableEnvironment environment) {
        CloudPlatform platform = CloudPlatform.getActive(environment);
        return Objects.toString(platform, "NONE");
    }
}
