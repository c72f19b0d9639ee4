package org.kohogateway.gateway.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The rules at submit, at approval (with acknowledgements) and again just before dispatch, through the API. */
class PolicyRulesIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Test
    void blockingFindingsStopSubmissionAndNameTheSpan() {
        World world = data.world();
        Api poster = api(world.poster());
        String text = "申込みは bit.ly/gotsu から";
        String id = create(poster, text, world.lineA().id(), null);

        var refused = poster.post("/api/posts/" + id + "/submit", null);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode finding = refused.json().get("findings").get(0);
        assertThat(finding.get("rule").asString()).isEqualTo("URL_SHORTENER");
        assertThat(finding.get("section").asString()).isEqualTo("§7-①");
        assertThat(text.substring(finding.get("start").asInt(), finding.get("end").asInt())).isEqualTo("bit.ly/gotsu");
        assertThat(finding.get("message").asString()).contains("URL短縮サービス");
        assertThat(poster.get("/api/posts/" + id).json().get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void approvalNeedsTheApproversExplicitAcknowledgementWhichIsAudited() {
        World world = data.world();
        Api poster = api(world.poster());
        Api approver = api(world.approver());
        String id = create(poster, "県の特設ページ https://www.pref.shimane.lg.jp/event/ もご覧ください", world.lineA().id(), null);
        assertThat(poster.post("/api/posts/" + id + "/submit", null).status()).isEqualTo(200);

        var refused = approver.approve(id, Map.of("comment", "ok"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("rules.needsAcknowledgement");
        String key = refused.json().get("findings").get(0).get("key").asString();
        assertThat(refused.json().get("findings").get(0).get("rule").asString()).isEqualTo("EXTERNAL_LINK");

        var approved = approver.approve(id,
                (Map.of("comment", "県のページなので問題なし", "acknowledge", List.of(key))));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        assertThat(approved.json().get("acknowledged").get(0).asString()).isEqualTo(key);

        JsonNode trail = api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).json();
        JsonNode ack = find(trail, "FINDING_ACKNOWLEDGED");
        assertThat(ack.get("actor").asString()).isEqualTo(world.approver());
        assertThat(ack.get("detail").asString()).contains("EXTERNAL_LINK").contains(key);
    }

    @Test
    void aPostWhoseFindingsChangedAfterApprovalIsHeldNotSent() {
        World world = data.world();
        Api poster = api(world.poster());
        Api admin = api(world.admin());
        String term = "検証用禁止語" + world.poster();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        String id = create(poster, "明日は" + term + "の日です", world.lineA().id(), at);
        poster.post("/api/posts/" + id + "/submit", null);
        var approved = api(world.approver()).approve(id, Map.of());
        String deliveryId = approved.json().get("deliveries").get(0).get("id").asString();

        assertThat(admin.post("/api/policy/lists/PROHIBITED_TERM",
                Api.json(Map.of("value", term, "reason", "§4-⑦ テスト"))).status()).isEqualTo(201);
        try {
            clock.set(at);
            dispatcher.drain();

            JsonNode delivery = poster.get("/api/posts/" + id).json().get("deliveries").get(0);
            assertThat(delivery.get("status").asString()).isEqualTo("HELD");
            assertThat(delivery.get("holdReason").asString()).contains("PROHIBITED_CONTENT");
            assertThat(SimulatedPlatforms.shared().server().findAll(postRequestedFor(urlPathEqualTo(
                    "/v2/bot/message/broadcast")).withHeader("X-Line-Retry-Key", equalTo(deliveryId)))).isEmpty();
            assertThat(actions(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + deliveryId)
                    .json())).contains("DELIVERY_HELD_BY_RULES");

            var stillRefused = api(world.approver()).post("/api/posts/" + id + "/reschedule",
                    Api.json(Map.of("scheduledAt", at.plusSeconds(60).toString())));
            assertThat(stillRefused.status()).isEqualTo(422);
            String key = stillRefused.json().get("findings").get(0).get("key").asString();
            var rescheduled = api(world.approver()).post("/api/posts/" + id + "/reschedule",
                    Api.json(Map.of("scheduledAt", at.plusSeconds(60).toString(), "acknowledge", List.of(key))));
            assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);

            clock.set(at.plusSeconds(60));
            dispatcher.drain();
            assertThat(poster.get("/api/posts/" + id).json().get("deliveries").get(0).get("status").asString())
                    .isEqualTo("SENT");
        } finally {
            removeListEntry(world, "PROHIBITED_TERM", URLEncoder.encode(term, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aShortenerListedAfterSubmissionBlocksTheApproval() {
        World world = data.world();
        Api poster = api(world.poster());
        Api approver = api(world.approver());
        String domain = "later-" + world.poster().replaceAll("[^a-z0-9]", "") + ".example";
        String id = create(poster, "詳しくは https://" + domain + "/a をご覧ください", world.lineA().id(), null);
        assertThat(poster.post("/api/posts/" + id + "/submit", null).status()).isEqualTo(200);
        String external = approver.get("/api/posts/" + id).json().get("findings").get(0).get("key").asString();

        withListEntry(world, "URL_SHORTENER", domain, () -> {
            var refused = approver.approve(id, Map.of("comment", "ok", "acknowledge", List.of(external)));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.json().get("code").asString()).isEqualTo("rules.blocked");
            assertThat(rules(refused.json().get("findings"))).contains("URL_SHORTENER");
            assertThat(poster.get("/api/posts/" + id).json().get("status").asString()).isEqualTo("SUBMITTED");
        });
    }

    @Test
    void aBlockedSiteListedAfterApprovalHoldsTheDeliveryEvenThoughItsLinkWasAcknowledged() {
        World world = data.world();
        Api poster = api(world.poster());
        Api approver = api(world.approver());
        String domain = "later-blocked-" + world.poster().replaceAll("[^a-z0-9]", "") + ".example";
        Instant at = clock.instant().plus(Duration.ofHours(1));
        String id = create(poster, "詳しくは https://" + domain + "/a をご覧ください", world.lineA().id(), at);
        assertThat(poster.post("/api/posts/" + id + "/submit", null).status()).isEqualTo(200);
        String external = approver.get("/api/posts/" + id).json().get("findings").get(0).get("key").asString();
        var approved = approver.approve(id,
                (Map.of("comment", "ok", "acknowledge", List.of(external))));
        assertThat(approved.json().get("status").asString()).as(approved.toString()).isEqualTo("APPROVED");
        String deliveryId = approved.json().get("deliveries").get(0).get("id").asString();

        withListEntry(world, "BLOCKED_DOMAIN", domain, () -> {
            clock.set(at);
            dispatcher.drain();

            JsonNode delivery = poster.get("/api/posts/" + id).json().get("deliveries").get(0);
            assertThat(delivery.get("status").asString()).isEqualTo("HELD");
            assertThat(delivery.get("holdReason").asString()).contains("BLOCKED_SITE");
            assertThat(SimulatedPlatforms.shared().server().findAll(postRequestedFor(urlPathEqualTo(
                    "/v2/bot/message/broadcast")).withHeader("X-Line-Retry-Key", equalTo(deliveryId)))).isEmpty();
        });
    }

    private void withListEntry(World world, String list, String value, Runnable test) {
        Api admin = api(world.admin());
        assertThat(admin.post("/api/policy/lists/" + list, Api.json(Map.of("value", value, "reason", "テスト")))
                .status()).isEqualTo(201);
        try {
            test.run();
        } finally {
            removeListEntry(world, list, value);
        }
    }

    /** Removing from a block list weakens it: the admin requests, a PR officer confirms. */
    private void removeListEntry(World world, String list, String encodedValue) {
        var requested = api(world.admin()).send("DELETE", "/api/policy/lists/" + list + "?value=" + encodedValue, null);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(api(world.pr()).post("/api/policy/changes/" + requested.json().get("id").asLong() + "/confirm",
                null).status()).isEqualTo(200);
    }

    @Test
    void dryRunChecksWithoutSavingAnything() {
        World world = data.world();
        Api poster = api(world.poster());
        int before = poster.get("/api/posts?mine=true").json().size();

        var check = poster.post("/api/posts/check", Api.json(Map.of(
                "text", "担当 090-1234-5678 まで。○○地区の件", "category", "NOTICE",
                "accountIds", List.of(world.lineA().id()))));

        assertThat(check.status()).isEqualTo(200);
        assertThat(rules(check.json())).containsExactly("PHONE_NUMBER", "FUSEJI");
        assertThat(check.json().get(0).get("severity").asString()).isEqualTo("BLOCK");
        assertThat(check.json().get(1).get("severity").asString()).isEqualTo("WARN");
        var english = poster.post("/api/posts/check?lang=en", Api.json(Map.of("text", "○○", "category", "NOTICE",
                "accountIds", List.of(world.lineA().id()))));
        assertThat(english.json().get(0).get("message").asString()).contains("Masked words");
        assertThat(poster.get("/api/posts?mine=true").json().size()).isEqualTo(before);
    }

    @Test
    void onlyAdminsChangeTheListsAndEveryChangeIsAudited() {
        World world = data.world();
        String domain = "shortener-" + world.poster().replaceAll("[^a-z0-9]", "") + ".example";

        assertThat(api(world.poster()).post("/api/policy/lists/URL_SHORTENER",
                Api.json(Map.of("value", domain))).status()).isEqualTo(403);
        assertThat(api(world.admin()).post("/api/policy/lists/URL_SHORTENER",
                Api.json(Map.of("value", "not a domain"))).status()).isEqualTo(400);
        assertThat(api(world.admin()).post("/api/policy/lists/URL_SHORTENER",
                Api.json(Map.of("value", "https://" + domain.toUpperCase() + "/x"))).json().get("value").asString())
                .isEqualTo(domain);
        assertThat(api(world.admin()).post("/api/policy/lists/URL_SHORTENER",
                Api.json(Map.of("value", domain))).status()).isEqualTo(400);
        var check = api(world.poster()).post("/api/posts/check", Api.json(Map.of("text", "https://" + domain + "/a",
                "category", "NOTICE", "accountIds", List.of(world.lineA().id()))));
        assertThat(rules(check.json())).containsExactly("URL_SHORTENER");

        var requested = api(world.admin()).send("DELETE", "/api/policy/lists/URL_SHORTENER?value=" + domain, null);
        assertThat(requested.status()).isEqualTo(202);
        assertThat(api(world.admin()).send("DELETE", "/api/policy/lists/URL_SHORTENER?value=" + domain, null).status())
                .as("one open request per entry").isEqualTo(409);
        assertThat(api(world.pr()).post("/api/policy/changes/" + requested.json().get("id").asLong() + "/confirm",
                null).status()).isEqualTo(200);
        assertThat(api(world.admin()).send("DELETE", "/api/policy/lists/URL_SHORTENER?value=" + domain, null).status())
                .isEqualTo(404);
        JsonNode trail = api(world.auditor()).get("/api/audit?subjectType=POLICY_LIST&actor=" + world.admin()).json();
        assertThat(actions(trail)).containsExactly("POLICY_LIST_CHANGE_REQUESTED", "POLICY_LIST_ENTRY_ADDED");
    }

    private String create(Api poster, String text, long accountId, Instant at) {
        var body = new java.util.HashMap<String, Object>(Map.of("text", text, "category", "NOTICE",
                "accountIds", List.of(accountId)));
        if (at != null) {
            body.put("scheduledAt", at.toString());
        }
        var created = poster.post("/api/posts", Api.json(body));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static List<String> rules(JsonNode findings) {
        return Api.each(findings, "rule");
    }

    private static List<String> actions(JsonNode entries) {
        return Api.each(entries, "action");
    }

    private static JsonNode find(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.get("action").asString().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + entries);
    }
}
