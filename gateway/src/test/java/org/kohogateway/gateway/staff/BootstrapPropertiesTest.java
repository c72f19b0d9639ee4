package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
    void aShortPasswordFailsTheStartWithoutTheFailureShowingIt() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "gateway.bootstrap.admin-username", "first-admin", "gateway.bootstrap.admin-password", "short-pw-11")));
        assertThatThrownBy(() -> binder.bind("gateway.bootstrap", BootstrapProperties.class)).satisfies(e -> {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("at least 12").doesNotContain("short-pw-11");
        });
    }

    @Test
    void itsTextNeverShowsThePassword() {
        assertThat(new BootstrapProperties("first-admin", "long-enough-password", "joho", "情報政策課").toString())
                .contains("first-admin").doesNotContain("long-enough-password");
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
