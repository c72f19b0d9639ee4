package org.kohogateway.gateway.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;

class PlatformUrlsTest {

    @Test
    void aBlueskyRecordAddressIsReadAsItsPublicPostAddress() {
        assertThat(PlatformUrls.of(Platform.BLUESKY, "at://did:plc:abc123xyz/app.bsky.feed.post/3jzfcijpj2z2a"))
                .isEqualTo(URI.create("https://bsky.app/profile/did:plc:abc123xyz/post/3jzfcijpj2z2a"));
    }

    @Test
    void anythingElseFromBlueskyHasNoAddressRatherThanAWrongOne() {
        assertThat(PlatformUrls.of(Platform.BLUESKY, "at://did:plc:abc/app.bsky.feed.like/3jzf")).isNull();
        assertThat(PlatformUrls.of(Platform.BLUESKY, "https://evil.example/app.bsky.feed.post/x")).isNull();
    }

    @Test
    void xAndFacebookIdsHaveTheirAddressesAndThreadsIdsNone() {
        assertThat(PlatformUrls.of(Platform.X, "1862000000000000001"))
                .isEqualTo(URI.create("https://x.com/i/web/status/1862000000000000001"));
        assertThat(PlatformUrls.of(Platform.FACEBOOK, "123_456")).isEqualTo(URI.create("https://www.facebook.com/123_456"));
        assertThat(PlatformUrls.of(Platform.THREADS, "17890000000000000")).isNull();
    }
}
