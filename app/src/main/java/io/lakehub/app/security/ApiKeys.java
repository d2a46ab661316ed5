package io.lakehub.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys, held only as SHA-256 hashes, and the roles they act as. Built once at
 * start; a key or role that cannot be understood stops the start with a message naming its setting.
 * Raw keys from {@code LAKEHUB_API_KEY_<NAME>} are hashed here and not kept.
 */
public final class ApiKeys {

    /** The PII types of issue 9 (io.lakehub.processors.pii.PiiType); a clearance must name one of them. */
    public static final List<String> PII_TYPES = List.of(
            "EMAIL",
            "PHONE",
            "US_SSN",
            "CREDIT_CARD",
            "IBAN",
            "IP_ADDRESS",
            "DATE_OF_BIRTH",
            "PERSON_NAME",
            "STREET_ADDRESS",
            "FINANCIAL",
            "HEALTH");

    /** Environment variables holding a raw key: {@code LAKEHUB_API_KEY_<NAME>}. */
    public static final String ENV_PREFIX = "LAKEHUB_API_KEY_";

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final List<Entry> entries;
    private final Map<String, Role> roles;

    /** One key: its name, the hash of the key, and the role it acts as. */
    private record Entry(String name, byte[] hash, Role role) {}

    private ApiKeys(List<Entry> entries, Map<String, Role> roles) {
        this.entries = List.copyOf(entries);
        this.roles = Map.copyOf(roles);
    }

    /**
     * Reads the keys and roles of {@code properties} and the raw keys among {@code environment}.
     *
     * @throws IllegalStateException naming the setting when a key or role is invalid
     */
    public static ApiKeys from(SecurityProperties properties, Map<String, String> environment) {
        Map<String, Role> roles = new LinkedHashMap<>();
        roles.put(Role.ADMIN.name(), Role.ADMIN);
        properties.getRoles().forEach((name, role) -> roles.put(name, parseRole(name, role.getClearances())));
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        Map<String, String> roleOf = new LinkedHashMap<>();
        properties.getApiKeys().forEach((name, key) -> {
            String setting = "lakehub.security.api-keys." + name + ".key-sha256";
            String hex = key.getKeySha256() == null ? "" : key.getKeySha256().strip();
            if (hex.isEmpty() && environment.containsKey(envName(name))) {
                return; // the raw key comes from the environment; this entry only names the role
            }
            if (!HEX_SHA256.matcher(hex).matches()) {
                throw new IllegalStateException(setting + " must be the key's SHA-256 as 64 hex digits (got "
                        + hex.length() + " characters); create it with: printf %s \"$KEY\" | sha256sum");
            }
            hashes.put(name, HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
        });
        environment.forEach((variable, value) -> {
            if (!variable.startsWith(ENV_PREFIX) || variable.length() == ENV_PREFIX.length()) {
                return;
            }
            String name = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(
                        "The environment variable " + variable + " is empty: set it to the" + " API key, or unset it.");
            }
            if (value.strip().length() < 16) {
                throw new IllegalStateException("The API key in " + variable + " is shorter than 16 characters;"
                        + " use a random key, e.g. openssl rand -hex 32.");
            }
            if (hashes.containsKey(name)) {
                throw new IllegalStateException("The API key " + name + " is given twice: by " + variable
                        + " and by lakehub.security.api-keys." + name + ".key-sha256; keep one.");
            }
            hashes.put(name, sha256(value.strip()));
        });
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("API key name '" + name + "' is not valid: use lower-case letters,"
                        + " digits, '-' and '_' (lakehub.security.api-keys.<name> or " + ENV_PREFIX + "<NAME>).");
            }
            SecurityProperties.ApiKey configured = properties.getApiKeys().get(name);
            String roleName = configured == null
                            || configured.getRole() == null
                            || configured.getRole().isBlank()
                    ? name
                    : configured.getRole().strip();
            Role role = roles.get(roleName);
            if (role == null) {
                throw new IllegalStateException("The API key " + name + " acts as role '" + roleName
                        + "', which is not defined: set lakehub.security.roles." + roleName
                        + ".clearances (e.g. NONE, ALL or EMAIL,PHONE) or lakehub.security.api-keys." + name
                        + ".role to a defined role (admin is built in).");
            }
            String hex = HexFormat.of().formatHex(e.getValue());
            if (!seen.add(hex)) {
                throw new IllegalStateException("The API key " + name + " is the same key as another one; give"
                        + " every key its own random value.");
            }
            entries.add(new Entry(name, e.getValue(), role));
        }
        return new ApiKeys(entries, roles);
    }

    private static String envName(String name) {
        return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Role parseRole(String name, String clearances) {
        String setting = "lakehub.security.roles." + name + ".clearances";
        String value = clearances == null ? "" : clearances.strip().toUpperCase(Locale.ROOT);
        if (value.equals("ALL")) {
            return new Role(name, Set.of(), true);
        }
        if (value.isEmpty() || value.equals("NONE")) {
            return new Role(name, Set.of(), false);
        }
        Set<String> types = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String type = part.strip();
            if (type.isEmpty()) {
                continue;
            }
            if (!PII_TYPES.contains(type)) {
                throw new IllegalStateException(setting + " names '" + type + "', which is not a PII type; use ALL,"
                        + " NONE or some of " + String.join(", ", PII_TYPES) + ".");
            }
            types.add(type);
        }
        return new Role(name, types, false);
    }

    /** Whether any key is configured: then every non-exempt {@code /api} call needs one. */
    public boolean enabled() {
        return !entries.isEmpty();
    }

    /** The names of the configured keys (never the keys). */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /**
     * The caller a presented key belongs to. Compares the key's hash with every configured hash in
     * constant time, without stopping at a match.
     */
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presentedKey.strip());
        Entry match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash) && match == null) {
                match = e;
            }
        }
        return match == null ? Optional.empty() : Optional.of(new Caller(match.name(), match.role()));
    }

    public Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    /** The hex SHA-256 of a key, as {@code lakehub.security.api-keys.<name>.key-sha256} expects it. */
    public static String hashHex(String key) {
        return HexFormat.of().formatHex(sha256(key.strip()));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime lacks SHA-256, which every Java has", e);
        }
    }
}
