package org.kohogateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class NotificationPropertiesTest {

    @Test
    void acceptsTheDefaults() {
        NotificationProperties p = properties(Duration.ofSeconds(10), Duration.ofMinutes(5), "", null);

        assertThat(p.enabled()).isTrue();
    }

    @Test
    void refusesALeaseAWebhookRequestCouldOutlive() {
        assertThatThrownBy(() -> properties(Duration.ofMinutes(1), Duration.ofMinutes(2), "", null))
                .hasMessageContaining("lease");
    }

    @Test
    void refusesAFromThatIsNoAddress() {
        assertThatThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ofMinutes(5), "not an address", null))
                .hasMessageContaining("mail-from");
    }

    @Test
    void refusesABaseUrlThatIsNoWebAddress() {
        assertThatThrownBy(() -> properties(Duration.ofSeconds(10), Duration.ofMinutes(5), "",
                URI.create("ftp://koho.example.jp"))).hasMessageContaining("base-url");
    }

    @Test
    void refusesZeroDurations() {
        assertThatThrownBy(() -> new NotificationProperties(true, Duration.ZERO, 20, 8, Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(5), "", null, false))
                .hasMessageContaining("poll-interval");
    }

    private static NotificationProperties properties(Duration webhookTimeout, Duration lease, String from, URI base) {
        return new NotificationProperties(true, Duration.ofSeconds(5), 20, 8, Duration.ofSeconds(30),
                Duration.ofHours(1), webhookTimeout, lease, from, base, false);
    }
}
