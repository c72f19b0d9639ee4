package org.kohogateway.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.demo.SimulatedPlatforms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Faults the simulated X answers for one account, and only it (told by its consumer key), so that tests sharing the
 * simulator are not disturbed. Registered as a JUnit extension ({@code @RegisterExtension}), it removes them after
 * each test.
 */
public final class XFaults implements AfterEachCallback {

    private final WireMockServer wire = SimulatedPlatforms.shared().server();
    private final List<StubMapping> added = new ArrayList<>();

    /** X answers posts of this account with the fault. */
    public void answer(OfficialAccounts accounts, long accountId, ResponseDefinitionBuilder fault) {
        String consumerKey = accounts.credentials(accountId).get(PlatformCredentials.X_CONSUMER_KEY).orElseThrow();
        StubMapping stub = post(urlPathEqualTo("/2/tweets")).atPriority(1)
                .withHeader("Authorization", containing("oauth_consumer_key=\"" + consumerKey + "\""))
                .willReturn(fault).build();
        wire.addStubMapping(stub);
        added.add(stub);
    }

    /** X refuses posts of this account as it does for a suspended account, in its own words. */
    public void suspend(OfficialAccounts accounts, long accountId) {
        answer(accounts, accountId, aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                .withBody("""
                        {"title":"Forbidden","type":"about:blank","status":403,
                         "detail":"Your account is suspended and is not permitted to access this feature"}
                        """));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        added.forEach(wire::removeStub);
        added.clear();
    }
}
