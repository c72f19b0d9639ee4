package org.kohogateway.gateway.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/** Live profiles read through the connectors, checked, stored, and a change of result audited. */
class ProfileChecksIntegrationTest extends IntegrationTest {

    @Autowired
    ProfileChecks checks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffDirectory staff;

    @Autowired
    Dispatcher dispatcher;

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

    /** Losing the homepage address tells the account's department and PR at once. */
    @Test
    void aProfileThatBecomesNonCompliantNotifiesTheDepartmentAndPr() {
        World world = data.world();
        for (String person : List.of(world.approver(), world.poster(), world.pr(), world.approverB())) {
            staff.changeEmail(person, person + "@city.example.jp");
        }
        String n = TestData.unique();
        OfficialAccount account = xAccount(world, n);
        checks.check(account.id(), "SCHEDULE", "system");
        StubMapping changed = loseHomepage(n);
        try {
            checks.check(account.id(), "SCHEDULE", "system");
            checks.check(account.id(), "SCHEDULE", "system");
        } finally {
            SimulatedPlatforms.shared().server().removeStub(changed);
        }
        awaitReactions();

        List<Long> told = jdbc.sql("""
                select staff_id from notification where kind = 'PROFILE_NONCOMPLIANT' and channel = 'EMAIL'
                and body like :account""").param("account", "%\"accountId\":" + account.id() + ",%")
                .query(Long.class).list();
        assertThat(told).as("the department's staff and PR, once: a repeated finding is no news")
                .contains(staff.byUsername(world.approver()).id(), staff.byUsername(world.poster()).id(),
                        staff.byUsername(world.pr()).id())
                .doesNotContain(staff.byUsername(world.approverB()).id())
                .doesNotHaveDuplicates();
    }

    /** With the account's setting on, a delivery due while the profile is non-compliant waits for a compliant check. */
    @Test
    void aNonCompliantProfileHoldsDeliveriesWhenTheAccountSaysSo() {
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount account = xAccount(world, n);
        assertThat(api(world.poster()).put("/api/accounts/" + account.id() + "/profile-hold", "{\"hold\":true}")
                .status()).as("a setting for ADMIN and PR").isEqualTo(403);
        var set = api(world.pr()).put("/api/accounts/" + account.id() + "/profile-hold", "{\"hold\":true}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        StubMapping changed = loseHomepage(n);
        Post post;
        try {
            checks.check(account.id(), "SCHEDULE", "system");
            post = data.approvedPost(world, "プロフィール確認中のお知らせ " + TestData.unique(), null, account);
            dispatcher.drain();
            assertThat(status(post)).as("held while the profile lacks the homepage").isEqualTo("SCHEDULED");
        } finally {
            SimulatedPlatforms.shared().server().removeStub(changed);
        }
        checks.check(account.id(), "SCHEDULE", "system");
        clock.advance(java.time.Duration.ofMinutes(5));
        dispatcher.drain();

        assertThat(status(post)).as("goes once a check finds the profile compliant").isEqualTo("SENT");
    }

    private OfficialAccount xAccount(World world, String n) {
        return data.account(world.departmentA(), Platform.X, "X 検査 " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), TestData.xCredentials(n));
    }

    private String status(Post post) {
        return jdbc.sql("select status from delivery where post_id = :post").param("post", post.id().value())
                .query(String.class).single();
    }

    /** The account's profile as X shows it from now on: without the city's homepage. */
    private static StubMapping loseHomepage(String n) {
        String token = "1234567890-test-x-access-token-" + n;
        return SimulatedPlatforms.shared().server().stubFor(get(urlPathEqualTo("/2/users/me"))
                .atPriority(1).withHeader("Authorization", containing(token))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"data":{"id":"99","name":"江津市","username":"gotsu_x",
                         "description":"江津市の公式アカウントです。返信は行いません。"}}
                        """)));
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
