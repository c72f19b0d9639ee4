package org.kohogateway.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://www.city.gotsu.lg.jp", "https://user@www.city.gotsu.lg.jp",
            "https://www.city.gotsu.lg.jp/?ref=sns", "www.city.gotsu.lg.jp"})
    void homepageThatAProfileCheckCouldNotTrustIsRefusedAtStartUp(String url) {
        assertThatThrownBy(() -> new AccountProperties(URI.create(url))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.accounts.homepage-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.city.gotsu.lg.jp", "https://www.city.gotsu.lg.jp/sns/"})
    void httpsHomepageIsAccepted(String url) {
        assertThat(new AccountProperties(URI.create(url)).homepageUrl()).hasToString(url);
    }
}
