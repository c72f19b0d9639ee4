package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;

/** A Threads profile's address names its handle after an {@code @}, on threads.net or threads.com. */
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
}
