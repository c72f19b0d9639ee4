package org.kohogateway.gateway.notification;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.SafeFetch;
import org.springframework.stereotype.Component;

/**
 * POSTs the event document to a webhook, signed (see {@link WebhookSignature}) with headers {@code X-Koho-Event-Id},
 * {@code X-Koho-Event-Type}, {@code X-Koho-Timestamp} (Unix seconds of this attempt) and {@code X-Koho-Signature}.
 * Sent through {@link SafeFetch}: an address in a private or reserved network is refused (given up) before any
 * connection. Redirects are not followed. 2xx: taken; 408, 429, 5xx, a timeout or no connection: tried again later; any other
 * answer: given up.
 */
@Component
class WebhookChannel {

    private static final int MAX_ANSWER = 200;

    private final Webhooks webhooks;
    private final NotificationProperties properties;
    private final Clock clock;
    private final SafeFetch fetch;

    WebhookChannel(Webhooks webhooks, NotificationProperties properties, Clock clock, SafeFetch fetch) {
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.fetch = fetch;
    }

    SendOutcome send(Notification n) {
        Optional<Webhooks.Target> found = webhooks.target(n.webhookId());
        if (found.isEmpty() || !found.get().active()) {
            return new SendOutcome.Permanent("the webhook was removed or disabled");
        }
        Webhooks.Target target = found.get();
        try {
            // the rules may have changed since it was registered (https required again)
            webhooks.checkUrl(target.url().toString());
        } catch (InvalidRequestException e) {
            return new SendOutcome.Permanent(e.getMessage());
        }
        byte[] body = n.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of("User-Agent", "koho-gateway-notifications",
                "X-Koho-Event-Id", n.eventId().toString(),
                "X-Koho-Event-Type", n.kind().name(),
                "X-Koho-Timestamp", Long.toString(timestamp),
                "X-Koho-Signature", WebhookSignature.sign(target.secret(), timestamp, body));
        int status;
        String answer;
        try {
            // only the start of the answer is kept (as the error), however much the receiver sends
            SafeFetch.Answer response = fetch.fetch(SafeFetch.Request.post(target.url(), headers, body,
                    "application/json; charset=utf-8", MAX_ANSWER * 4, properties.webhookTimeout()));
            status = response.status();
            answer = new String(response.body(), StandardCharsets.UTF_8);
        } catch (InvalidRequestException e) {
            return new SendOutcome.Permanent(e.getMessage());
        } catch (InterruptedIOException e) {
            return new SendOutcome.Transient("no answer within " + properties.webhookTimeout());
        } catch (IOException e) {
            return new SendOutcome.Transient("unreachable: " + e);
        }
        return outcome(status, answer);
    }

    static SendOutcome outcome(int status, @Nullable String answer) {
        if (status >= 200 && status <= 299) {
            return new SendOutcome.Sent();
        }
        String said = "HTTP " + status + (answer == null || answer.isBlank() ? ""
                : ": " + answer.strip().substring(0, Math.min(MAX_ANSWER, answer.strip().length())));
        if (status == 408 || status == 429 || status >= 500) {
            return new SendOutcome.Transient(said);
        }
        return new SendOutcome.Permanent(said);
    }
}
