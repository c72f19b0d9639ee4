package org.kohogateway.gateway.notification;

import java.net.URI;
import java.time.Duration;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * E-mail is sent only where Spring Boot configures a mail sender ({@code spring.mail.host} is set); webhooks always.
 *
 * @param enabled            record and send notifications in this instance (default true)
 * @param pollInterval       pause between the worker's looks for due notifications (default 5s)
 * @param batchSize          notifications one look claims (default 20); they are sent concurrently
 * @param maxAttempts        attempts before a notification whose receiver keeps failing is given up (default 8)
 * @param backoff            delay before the second attempt, doubling after each (default 30s)
 * @param maxBackoff         cap of that delay (default 1h)
 * @param webhookTimeout     connect and answer timeout of one webhook request (default 10s)
 * @param lease              how long a claimed notification stays with its worker before another instance may take
 *                           it over (default 5m); longer than any single send
 * @param mailFrom           the From address of e-mail; required when {@code spring.mail.host} is set
 * @param baseUrl            the gateway's address as staff open it (optional): e-mails then carry a link
 * @param allowHttpLocalhost accept {@code http://} webhook URLs on localhost (tests, a local relay); otherwise https
 *                           only (default false)
 */
@Validated
@ConfigurationProperties("gateway.notifications")
record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("20") @Min(1) @Max(500) int batchSize,
        @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("30s") @NotNull Duration backoff,
        @DefaultValue("1h") @NotNull Duration maxBackoff,
        @DefaultValue("10s") @NotNull Duration webhookTimeout,
        @DefaultValue("5m") @NotNull Duration lease,
        @DefaultValue("") String mailFrom,
        URI baseUrl,
        @DefaultValue("false") boolean allowHttpLocalhost) {

    NotificationProperties {
        positive("poll-interval", pollInterval);
        positive("backoff", backoff);
        positive("max-backoff", maxBackoff);
        positive("webhook-timeout", webhookTimeout);
        positive("lease", lease);
        if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("gateway.notifications.max-backoff must not be below backoff");
        }
        // a send still running when its lease ends could be taken over and sent a second time
        if (webhookTimeout != null && lease != null && lease.compareTo(webhookTimeout.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException(
                    "gateway.notifications.lease must be at least three times webhook-timeout: " + lease);
        }
        if (mailFrom != null && !mailFrom.isBlank()) {
            try {
                new InternetAddress(mailFrom, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("gateway.notifications.mail-from is not an e-mail address: "
                        + mailFrom);
            }
        }
        if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme())))) {
            throw new IllegalArgumentException("gateway.notifications.base-url must be an absolute web address: "
                    + baseUrl);
        }
    }

    private static void positive(String name, @Nullable Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("gateway.notifications." + name + " must be positive: " + value);
        }
    }
}
