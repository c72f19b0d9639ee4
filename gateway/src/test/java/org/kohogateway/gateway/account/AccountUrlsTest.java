package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;

/**
 * A Threads profile's address names its handle after an {@code @}, on threads.net or threads.com; a YouTube channel's
 * names it by its @handle or its channel id, and a video's address names no channel.
 */
class AccountUrlsTest {

    @Test
    void aThreadsProfileOrPostAddressNamesTheHandleAfterTheAt() {
        assertThat(AccountUrls.handle(Platform.THREADS, "https://www.threads.net/@gotsu_city")).contains("gotsu_city");
        assertThat(AccountUrls.handle(Platform.THREADS, "https://www.threads.com/@gotsu_city/post/C8xYz1AbC"))
                .contains("gotsu_city");
        assertThat(AccountUrls.publishable(Platform.THREADS, "https://www.threads.net/@gotsu_city")).isTrue();
    }

    @Test
    void aThreadsPageWithoutTheAtIsNoProfile() {
        assertThat(AccountUrls.handle(Platform.THREADS, "https://www.threads.net/login")).isEmpty();
        assertThat(AccountUrls.publishable(Platform.THREADS, "https://www.instagram.com/@gotsu_city")).isFalse();
    }

    @Test
    void aYouTubeChannelIsNamedByItsHandleOrItsChannelId() {
        assertThat(AccountUrls.handle(Platform.YOUTUBE, "https://www.youtube.com/@GotsuCity"))
                .contains("gotsucity");
        assertThat(AccountUrls.handle(Platform.YOUTUBE, "https://www.youtube.com/channel/UCx2B4n7Qp9Yh3Kd8Lm1Zr5A/videos"))
                .contains("ucx2b4n7qp9yh3kd8lm1zr5a");
        assertThat(AccountUrls.publishable(Platform.YOUTUBE, "https://www.youtube.com/@gotsucity")).isTrue();
    }

    @Test
    void aVideoOrAPageOfYouTubeItselfNamesNoChannel() {
        assertThat(AccountUrls.author("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).isEmpty();
        assertThat(AccountUrls.author("https://www.youtube.com/channel/notachannel")).isEmpty();
        assertThat(AccountUrls.author("https://www.youtube.com/results?search_query=gotsu")).isEmpty();
    }
}
