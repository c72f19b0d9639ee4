package org.kohogateway.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The documented scheme, checked against values computed outside Java with {@code openssl dgst -sha256 -hmac}. */
class WebhookSignatureTest {

    @Test
    void signsTheTimestampAFullStopAndTheBodyWithHmacSha256() {
        byte[] body = "{\"id\":\"3f2b\",\"type\":\"DELIVERY_FAILED\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign("whsec-0123456789abcdef0123456789abcdef", 1767225600L, body))
                .isEqualTo("sha256=de1348b3b0e492e4ef4c0f07ba676593bedd42d05cfaba37de3488b6cd9f6772");
    }

    @Test
    void usesTheUtf8BytesOfSecretAndBody() {
        byte[] body = "{\"text\":\"秋祭り\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.sign("江津市-secret-0123456789abcdef0123456789", 1767225600L, body))
                .isEqualTo("sha256=f0ab8552799b2221197794f1a5c8429d85852f06e8b5512d3cd4e0370ef73e7d");
    }

    @Test
    void aReplayWithAnotherTimestampNoLongerMatches() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec-0123456789abcdef0123456789abcdef";

        assertThat(WebhookSignature.sign(secret, 1767225600L, body))
                .isNotEqualTo(WebhookSignature.sign(secret, 1767225601L, body));
    }
}
