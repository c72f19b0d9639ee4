package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Credentials replaced through one instance are what every instance sends with next. The other instance is a
 * dispatcher with a connector registry of its own, outside the Spring context, so it never hears this context's
 * events: only the database tells it that the credentials changed.
 */
class CredentialRotationIntegrationTest extends IntegrationTest {

    private static final String BROADCAST = "/v2/bot/message/broadcast";

    @Autowired
    DispatchProperties dispatchProperties;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    PlatformProperties platformProperties;

    @Autowired
    Clock gatewayClock;

    @Autowired
    Deliveries deliveries;

    private final WireMockServer platforms = SimulatedPlatforms.shared().server();

    @Test
    void credentialsReplacedThroughOneInstanceAreUsedByTheOthersNextSend() {
        World world = data.world();
        OfficialAccount account = world.lineA();
        Dispatcher otherInstance = dispatchers.custom("other-instance",
                new ConnectorRegistry(accounts, platformProperties, gatewayClock, dispatchProperties), null, null);
        String before = "before rotation " + world.poster();
        data.approvedPost(world, before, null, account);
        otherInstance.drain();
        String oldToken = authorization(before);

        String rotated = "rotated-" + TestData.unique();
        accounts.replaceCredentials(world.admin(), account.id(),
                new PlatformCredentials(Map.of(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN, rotated)));
        String after = "after rotation " + world.poster();
        data.approvedPost(world, after, null, account);
        otherInstance.drain();

        assertThat(oldToken).isNotEqualTo("Bearer " + rotated);
        assertThat(authorization(after)).isEqualTo("Bearer " + rotated);
    }

    private String authorization(String marker) {
        List<LoggedRequest> sent = platforms.findAll(postRequestedFor(urlPathEqualTo(BROADCAST))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker))));
        assertThat(sent).hasSize(1);
        return sent.getFirst().getHeader("Authorization");
    }
}
