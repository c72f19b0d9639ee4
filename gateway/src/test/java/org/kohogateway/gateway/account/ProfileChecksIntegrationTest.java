package org.kohogateway.gateway.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** Live profiles read through the connectors, checked, stored, and a change of result audited. */
class ProfileChecksIntegrationTest extends IntegrationTest {

    @Autowired
    ProfileChecks checks;

    @Test
    void testConnectionReadsTheLiveProfileAndStoresTheResult() {
        World world = data.world();

        var x = api(world.admin()).post("/api/accounts/" + world.x().id() + "/test-connection", null);
        var line = api(world.pr()).post("/api/accounts/" + world.lineA().id() + "/test-connection", null);

        assertThat(x.status()).as(x.toString()).isEqualTo(200);
        assertThat(x.json().get("outcome").asString()).isEqualTo("COMPLIANT");
        assertThat(line.json().get("outcome").asString()).as("LINE shows no profile text: never a fake pass")
                .isEqualTo("NOT_CHECKABLE");
        assertThat(api(world.poster()).post("/api/accounts/" + world.x().id() + "/test-connection", null).status())
                .isEqualTo(403);
        assertThat(api(world.poster()).get("/api/accounts/" + world.x().id() + "/profile-checks").json().get(0)
                .get("trigger").asString()).isEqualTo("TEST_CONNECTION");
    }

    @Test
    void aProfileThatLosesTheHomepageUrlIsFlaggedAndTheChangeAudited() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = data.account(world.departmentA(), Platform.X, "X 検査 " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), TestData.xCredentials(n));
        checks.check(account.id(), "SCHEDULE", "system");
        StubMapping changed = SimulatedPlatforms.shared().server().stubFor(get(urlPathEqualTo("/2/users/me"))
                .atPriority(1).withHeader("Authorization", containing("1234567890-test-x-access-token-" + n))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"id":"99","name":"江津市","username":"gotsu_fake",
                         "description":"江津市の公式アカウントです。返信は行いません。",
                         "url":"https://t.co/abc",
                         "entities":{"url":{"urls":[{"start":0,"end":23,"url":"https://t.co/abc",
                           "expanded_url":"https://city.gotsu.lg.jp.example.com/","display_url":"city.gotsu.lg.jp.example.com"}]}}}}
                        """)));
        try {
            ProfileCheck check = checks.check(account.id(), "SCHEDULE", "system");

            assertThat(check.outcome()).isEqualTo(ProfileCompliance.Outcome.NON_COMPLIANT);
            assertThat(check.gaps()).containsExactly(ProfileCompliance.Gap.MISSING_HOMEPAGE_URL);
            String trail = api(world.auditor()).get("/api/audit?subjectType=ACCOUNT&subjectId=" + account.id()).body();
            assertThat(trail).contains("PROFILE_COMPLIANCE_CHANGED").contains("MISSING_HOMEPAGE_URL");
        } finally {
            SimulatedPlatforms.shared().server().removeStub(changed);
        }
    }

    @Test
    void credentialsAreWriteOnlyAndSetByAdminsOnly() {
        World world = data.world();
        String path = "/api/accounts/" + world.lineA().id() + "/credentials";
        String secret = "new-line-token-" + world.poster();

        assertThat(api(world.poster()).put(path, Api.json(Map.of("values", Map.of("channelAccessToken", secret))))
                .status()).isEqualTo(403);
        assertThat(api(world.admin()).put(path, Api.json(Map.of("values", Map.of()))).status()).isEqualTo(400);
        var unknown = api(world.admin()).put(path, Api.json(Map.of("values", Map.of("token", secret))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asString()).isEqualTo("account.credentialsUnknownField");
        assertThat(unknown.body()).doesNotContain(secret);
        var partial = api(world.admin()).put("/api/accounts/" + world.x().id() + "/credentials",
                Api.json(Map.of("values", Map.of("consumerKey", secret))));
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().get("code").asString()).isEqualTo("account.credentialsMissingField");
        assertThat(api(world.admin()).put(path, Api.json(Map.of("values", Map.of("channelAccessToken", secret))))
                .status()).isEqualTo(204);

        assertThat(api(world.admin()).get("/api/accounts/" + world.lineA().id()).body()).doesNotContain(secret);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=ACCOUNT&subjectId=" + world.lineA().id()).body())
                .contains("ACCOUNT_CREDENTIALS_REPLACED").doesNotContain(secret);
    }
}
