package io.lakehub.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Safe by default: without API keys only loopback is served, unless anonymous access is switched on. */
class BindingCheckTest {

    @Test
    void loopbackIsServedWithoutKeys() {
        assertThat(BindingCheck.check("127.0.0.1", false, false)).isEmpty();
        assertThat(BindingCheck.check("::1", false, false)).isEmpty();
        assertThat(BindingCheck.check("localhost", false, false)).isEmpty();
    }

    @Test
    void anotherAddressWithoutKeysIsRefusedWithTheWaysOut() {
        for (String address : new String[] {"0.0.0.0", "", null, "192.0.2.10"}) {
            assertThatThrownBy(() -> BindingCheck.check(address, false, false))
                    .as(String.valueOf(address))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("without API keys")
                    .hasMessageContaining("LAKEHUB_API_KEY_<NAME>")
                    .hasMessageContaining("server.address=127.0.0.1")
                    .hasMessageContaining("lakehub.security.allow-anonymous=true");
        }
    }

    @Test
    void keysOrExplicitAnonymousAccessAllowEveryAddressTheLatterWithAWarning() {
        assertThat(BindingCheck.check("0.0.0.0", true, false)).isEmpty();
        assertThat(BindingCheck.check("0.0.0.0", false, true))
                .hasValueSatisfying(w -> assertThat(w).contains("without API keys on 0.0.0.0"));
        assertThat(BindingCheck.check(null, false, true))
                .hasValueSatisfying(w -> assertThat(w).contains("every interface"));
    }
}
