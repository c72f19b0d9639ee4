package org.kohogateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a webhook's answer is read: taken, worth another attempt, or refused for good. */
class WebhookOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = { 200, 201, 202, 204, 299 })
    void a2xxIsTaken(int status) {
        assertThat(WebhookChannel.outcome(status, "")).isInstanceOf(SendOutcome.Sent.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
    void aTimeoutThrottlingOrServerErrorIsTriedAgain(int status) {
        assertThat(WebhookChannel.outcome(status, "later")).isEqualTo(new SendOutcome.Transient("HTTP " + status
                + ": later"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 401, 403, 404, 410, 422, 301, 302 })
    void anyOtherAnswerIsPermanent(int status) {
        assertThat(WebhookChannel.outcome(status, "")).isEqualTo(new SendOutcome.Permanent("HTTP " + status));
    }

    @Test
    void keepsOnlyTheStartOfALongAnswer() {
        SendOutcome outcome = WebhookChannel.outcome(400, "x".repeat(10_000));

        assertThat(((SendOutcome.Permanent) outcome).reason()).hasSize("HTTP 400: ".length() + 200);
    }
}
