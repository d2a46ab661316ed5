package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys and roles as configured: hashes only, raw keys from the environment, errors naming the setting. */
class ApiKeysTest {

    private static SecurityProperties properties() {
        return new SecurityProperties();
    }

    private static SecurityProperties.ApiKey key(String sha, String role) {
        SecurityProperties.ApiKey k = new SecurityProperties.ApiKey();
        k.setKeySha256(sha);
        k.setRole(role);
        return k;
    }

    private static SecurityProperties.Role role(String clearances) {
        SecurityProperties.Role r = new SecurityProperties.Role();
        r.setClearances(clearances);
        return r;
    }

    @Test
    void noKeysMeansTheApiIsOpenToLoopbackCallers() {
        ApiKeys keys = ApiKeys.from(properties(), Map.of("PATH", "/bin"));
        assertThat(keys.enabled()).isFalse();
        assertThat(keys.authenticate("anything")).isEmpty();
    }

    @Test
    void aHashedKeyAuthenticatesAsItsRoleAndOthersDoNot() {
        SecurityProperties p = properties();
        p.getRoles().put("analyst", role("email, phone"));
        p.getApiKeys().put("alice", key(ApiKeys.hashHex("alice-secret-123456").toUpperCase(), "analyst"));
        ApiKeys keys = ApiKeys.from(p, Map.of());

        Caller alice = keys.authenticate("alice-secret-123456").orElseThrow();
        assertThat(alice.keyName()).isEqualTo("alice");
        assertThat(alice.role().clearances()).containsExactlyInAnyOrder("EMAIL", "PHONE");
        assertThat(alice.role().cleared("EMAIL")).isTrue();
        assertThat(alice.role().cleared("US_SSN")).isFalse();
        assertThat(keys.authenticate("alice-secret-12345")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }

    @Test
    void aRawKeyFromTheEnvironmentIsHashedAndActsAsTheRoleNamedLikeIt() {
        SecurityProperties p = properties();
        p.getRoles().put("etl", role("ALL"));
        ApiKeys keys = ApiKeys.from(p, Map.of("LAKEHUB_API_KEY_ETL", "etl-raw-key-abcdef0123"));

        Caller etl = keys.authenticate("etl-raw-key-abcdef0123").orElseThrow();
        assertThat(etl.keyName()).isEqualTo("etl");
        assertThat(etl.role().all()).isTrue();
        assertThat(keys.names()).containsExactly("etl");
        // The admin role is built in.
        ApiKeys admin = ApiKeys.from(properties(), Map.of("LAKEHUB_API_KEY_ADMIN", "admin-raw-key-abcdef0123"));
        assertThat(admin.authenticate("admin-raw-key-abcdef0123").orElseThrow().role())
                .isEqualTo(Role.ADMIN);
    }

    @Test
    void badKeysAndRolesStopTheStartNamingTheSetting() {
        SecurityProperties shortHash = properties();
        shortHash.getApiKeys().put("bob", key("abc", "admin"));
        assertThatThrownBy(() -> ApiKeys.from(shortHash, Map.of()))
                .hasMessageContaining("lakehub.security.api-keys.bob.key-sha256")
                .hasMessageContaining("sha256sum");

        SecurityProperties unknownRole = properties();
        unknownRole.getApiKeys().put("bob", key(ApiKeys.hashHex("bob-secret-1234567"), "auditor"));
        assertThatThrownBy(() -> ApiKeys.from(unknownRole, Map.of()))
                .hasMessageContaining("role 'auditor'")
                .hasMessageContaining("lakehub.security.roles.auditor.clearances");

        SecurityProperties badType = properties();
        badType.getRoles().put("x", role("EMAIL,SSN"));
        assertThatThrownBy(() -> ApiKeys.from(badType, Map.of()))
                .hasMessageContaining("lakehub.security.roles.x.clearances")
                .hasMessageContaining("'SSN'");

        assertThatThrownBy(() -> ApiKeys.from(properties(), Map.of("LAKEHUB_API_KEY_X", "short")))
                .hasMessageContaining("LAKEHUB_API_KEY_X")
                .hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("short\"");

        SecurityProperties twice = properties();
        twice.getApiKeys().put("a", key(ApiKeys.hashHex("same-key-0123456789"), "admin"));
        twice.getApiKeys().put("b", key(ApiKeys.hashHex("same-key-0123456789"), "admin"));
        assertThatThrownBy(() -> ApiKeys.from(twice, Map.of())).hasMessageContaining("same key");
    }
}
