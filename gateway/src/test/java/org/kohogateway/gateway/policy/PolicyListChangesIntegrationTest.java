package org.kohogateway.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Four eyes on weakening the rules' lists: a request one person makes and another confirms or refuses. */
class PolicyListChangesIntegrationTest extends IntegrationTest {

    @Autowired
    StaffDirectory staff;

    @Test
    void anAdminRemovingAShortenerAloneDoesNotWeakenTheListUntilAnotherPersonConfirms() {
        World world = data.world();
        Api admin = api(world.admin());
        String domain = "short-" + TestData.unique() + ".example";
        assertThat(admin.post("/api/policy/lists/URL_SHORTENER", Api.json(Map.of("value", domain))).status())
                .as("strengthening takes effect at once").isEqualTo(201);
        assertThat(findings(world, "https://" + domain + "/a")).contains("URL_SHORTENER");

        var requested = admin.send("DELETE", "/api/policy/lists/URL_SHORTENER?value=" + domain, null);

        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        long id = requested.json().get("id").asLong();
        assertThat(findings(world, "https://" + domain + "/a")).as("still blocked").contains("URL_SHORTENER");
        assertThat(values(admin.get("/api/policy/lists/URL_SHORTENER").json())).contains(domain);
        assertThat(pendingIds(api(world.pr()))).contains(id);

        var confirmed = api(world.pr()).post("/api/policy/changes/" + id + "/confirm", null);

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(findings(world, "https://" + domain + "/a")).doesNotContain("URL_SHORTENER");
        assertThat(values(admin.get("/api/policy/lists/URL_SHORTENER").json())).doesNotContain(domain);
        assertThat(pendingIds(admin)).doesNotContain(id);
        JsonNode trail = api(world.auditor()).get("/api/audit?subjectType=POLICY_LIST&subjectId=URL_SHORTENER&limit=50")
                .json();
        List<String> seen = new ArrayList<>();
        trail.forEach(e -> {
            if (e.toString().contains(domain)) {
                seen.add(e.get("action").asString() + " " + e.get("actor").asString());
            }
        });
        assertThat(seen).contains("POLICY_LIST_CHANGE_REQUESTED " + world.admin(),
                "POLICY_LIST_CHANGE_CONFIRMED " + world.pr());
    }

    @Test
    void theRequesterCannotConfirmTheirOwnRequestAndARefusedRequestChangesNothing() {
        World world = data.world();
        Api admin = api(world.admin());
        String term = "四眼検証語" + TestData.unique();
        assertThat(admin.post("/api/policy/lists/PROHIBITED_TERM", Api.json(Map.of("value", term, "reason", "テスト")))
                .status()).isEqualTo(201);
        long id = admin.send("DELETE", "/api/policy/lists/PROHIBITED_TERM?value=" + enc(term), null).json().get("id")
                .asLong();

        var own = admin.post("/api/policy/changes/" + id + "/confirm", null);
        assertThat(own.status()).as(own.toString()).isEqualTo(403);
        assertThat(api(world.poster()).post("/api/policy/changes/" + id + "/confirm", null).status()).isEqualTo(403);
        String outsider = "pr-outside-" + TestData.unique();
        // a PR officer who has since moved out of the PR department: the leftover role no longer counts
        var moved = staff.addStaff(outsider, outsider, TestData.PASSWORD,
                staff.byUsername(world.pr()).departmentId(), Set.of(Role.PR_OFFICER));
        staff.moveToDepartment(moved.id(), world.departmentA().id());
        assertThat(api(outsider).post("/api/policy/changes/" + id + "/confirm", null).status())
                .as("a PR officer belongs to the PR department").isEqualTo(403);
        assertThat(findings(world, "明日は" + term + "です")).contains("PROHIBITED_CONTENT");

        var refused = api(world.pr()).post("/api/policy/changes/" + id + "/refuse", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(200);
        assertThat(api(world.pr2()).post("/api/policy/changes/" + id + "/confirm", null).status())
                .as("a decided request is not decided again").isEqualTo(409);
        assertThat(findings(world, "明日は" + term + "です")).contains("PROHIBITED_CONTENT");
        assertThat(pendingIds(admin)).doesNotContain(id);
    }

    @Test
    void addingAnOfficialDomainWaitsForASecondPersonButRemovingOneIsImmediate() {
        World world = data.world();
        Api admin = api(world.admin());
        String host = "www.t" + TestData.unique().replace("-", "") + ".lg.jp";

        var requested = admin.post("/api/policy/lists/OFFICIAL_DOMAIN", Api.json(Map.of("value", host)));

        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(values(admin.get("/api/policy/lists/OFFICIAL_DOMAIN").json())).doesNotContain(host);
        long id = requested.json().get("id").asLong();
        assertThat(api(world.pr2()).post("/api/policy/changes/" + id + "/confirm", null).status()).isEqualTo(200);
        assertThat(values(admin.get("/api/policy/lists/OFFICIAL_DOMAIN").json())).contains(host);

        assertThat(admin.send("DELETE", "/api/policy/lists/OFFICIAL_DOMAIN?value=" + host, null).status())
                .isEqualTo(204);
        assertThat(values(admin.get("/api/policy/lists/OFFICIAL_DOMAIN").json())).doesNotContain(host);
    }

    @Test
    void aPublicSuffixIsRefusedAsAnOfficialDomain() {
        World world = data.world();
        Api admin = api(world.admin());
        for (String suffix : new String[] {"lg.jp", "co.jp", "jp", "https://LG.JP/", "not-a-listed-suffix.invalid"}) {
            var refused = admin.post("/api/policy/lists/OFFICIAL_DOMAIN", Api.json(Map.of("value", suffix)));
            assertThat(refused.status()).as(suffix + " " + refused).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).as(suffix).isEqualTo("policy.officialDomainTooBroad");
        }
        assertThat(pendingValues(admin)).doesNotContain("lg.jp", "co.jp", "jp");
    }

    private List<String> findings(World world, String text) {
        JsonNode check = api(world.poster()).post("/api/posts/check", Api.json(Map.of("text", text,
                "category", "NOTICE", "accountIds", List.of(world.lineA().id())))).json();
        return Api.each(check, "rule");
    }

    private static List<String> values(JsonNode entries) {
        return Api.each(entries, "value");
    }

    private static List<Long> pendingIds(Api api) {
        List<Long> ids = new ArrayList<>();
        api.get("/api/policy/changes").json().forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private static List<String> pendingValues(Api api) {
        return values(api.get("/api/policy/changes").json());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
