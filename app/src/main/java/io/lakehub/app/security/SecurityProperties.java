package io.lakehub.app.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Access to the hub: API keys, roles and anonymous access (docs/security.md, ADR 0030). */
@ConfigurationProperties(prefix = "lakehub.security")
public class SecurityProperties {

    /**
     * Serve {@code /api} without API keys on an address other than loopback. Off by default: without
     * keys the hub refuses to start on another address; when on, every start logs a warning.
     */
    private boolean allowAnonymous = false;

    /**
     * API keys by name: {@code lakehub.security.api-keys.<name>.key-sha256} (the hex SHA-256 of the
     * key) and {@code .role}. Raw keys may instead come from the environment variable {@code
     * LAKEHUB_API_KEY_<NAME>}; the hub hashes them at start and keeps only the hash.
     */
    private Map<String, ApiKey> apiKeys = new LinkedHashMap<>();

    /**
     * Roles by name with the PII types they may read: {@code lakehub.security.roles.<role>.clearances}.
     * The role {@code admin} exists without configuration and is cleared for ALL.
     */
    private Map<String, Role> roles = new LinkedHashMap<>();

    public boolean isAllowAnonymous() {
        return allowAnonymous;
    }

    public void setAllowAnonymous(boolean allowAnonymous) {
        this.allowAnonymous = allowAnonymous;
    }

    public Map<String, ApiKey> getApiKeys() {
        return apiKeys;
    }

    public void setApiKeys(Map<String, ApiKey> apiKeys) {
        this.apiKeys = apiKeys;
    }

    public Map<String, Role> getRoles() {
        return roles;
    }

    public void setRoles(Map<String, Role> roles) {
        this.roles = roles;
    }

    /** One API key, stored as its hash. */
    public static class ApiKey {

        /**
         * Hex SHA-256 of the key (64 hex digits), e.g. from {@code printf %s "$KEY" | sha256sum} or
         * {@code ./lakehub apikey}; the key itself is never configured here.
         */
        private String keySha256 = "";

        /** The role the key acts as; defaults to a role named like the key. */
        private String role = "";

        public String getKeySha256() {
            return keySha256;
        }

        public void setKeySha256(String keySha256) {
            this.keySha256 = keySha256;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }

    /** One role. */
    public static class Role {

        /**
         * The PII types the role may read in raw datasets, comma-separated (EMAIL, PHONE, US_SSN,
         * CREDIT_CARD, IBAN, IP_ADDRESS, DATE_OF_BIRTH, PERSON_NAME, STREET_ADDRESS, FINANCIAL,
         * HEALTH), or ALL, or NONE. Columns of other PII types are readable through views only.
         */
        private String clearances = "NONE";

        public String getClearances() {
            return clearances;
        }

        public void setClearances(String clearances) {
            this.clearances = clearances;
        }
    }
}
