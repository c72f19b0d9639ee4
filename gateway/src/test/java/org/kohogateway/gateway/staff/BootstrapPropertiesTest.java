package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootstrapPropertiesTest {

    @Test
    void aFirstAdminWithoutAPasswordOrWithAShortOneIsRefusedAtStartUpWithoutEchoingIt() {
        assertThatThrownBy(() -> new BootstrapProperties("first-admin", null, "joho", "情報政策課"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD");
        assertThatThrownBy(() -> new BootstrapProperties("first-admin", "short-pw-11", "joho", "情報政策課"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 12")
                .message().doesNotContain("short-pw-11");
    }

    @Test
    void aFirstAdminNeedsADepartment() {
        assertThatThrownBy(() -> new BootstrapProperties("first-admin", "long-enough-password", " ", "情報政策課"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("department-code");
    }

    @Test
    void withoutAUsernameNothingIsCreatedAndNoPasswordIsNeeded() {
        assertThat(new BootstrapProperties(null, null, "joho", "情報政策課").enabled()).isFalse();
        assertThat(new BootstrapProperties("", null, "joho", "情報政策課").enabled()).isFalse();
        assertThat(new BootstrapProperties("first-admin", "long-enough-password", "joho", "情報政策課").enabled()).isTrue();
    }
}
