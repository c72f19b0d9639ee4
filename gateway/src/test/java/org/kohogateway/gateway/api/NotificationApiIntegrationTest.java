package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;

/** The notification endpoints refuse bad input with problem details and keep webhooks and addresses to admins. */
class NotificationApiIntegrationTest extends IntegrationTest {

    private static final String WEBHOOKS = "/api/notifications/webhooks";
    private static final String SECRET = "whsec-api-test-0123456789abcdef0123456789";

    @Test
    void refusesBadWebhooksWithAProblemNamingWhatIsWrong() {
        World world = data.world();
        Api admin = api(world.admin());

        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", "http://chat.example.jp/hook"))), 400,
                "notification.webhookNotHttps");
        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", "ftp://chat.example.jp/hook"))), 400,
                "notification.webhookNotHttps");
        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", "https://user:pw@chat.example.jp/hook"))), 400,
                "notification.webhookUrl");
        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", "https://chat.example.jp/a b"))), 400,
                "notification.webhookUrl");
        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", "/relative/hook"))), 400, "notification.webhookUrl");
        assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("departmentId", 987_654_321L))), 400,
                "notification.unknownDepartment");
        Map<String, Object> noSecret = new HashMap<>(valid());
        noSecret.remove("secret");
        assertRefusal(admin.post(WEBHOOKS, Api.json(noSecret)), 400, "notification.secretRequired");
        assertProblem(admin.post(WEBHOOKS, webhook(Map.of("secret", "short"))), 400);
        assertProblem(admin.post(WEBHOOKS, webhook(Map.of("kinds", List.of()))), 400);
        assertProblem(admin.post(WEBHOOKS, webhook(Map.of("kinds", List.of("EVERYTHING")))), 400);
        assertProblem(admin.post(WEBHOOKS, webhook(Map.of("name", " "))), 400);
        assertProblem(admin.post(WEBHOOKS, "{\"name\":"), 400);
        assertProblem(admin.post(WEBHOOKS, "{}"), 400);

        assertRefusal(admin.get(WEBHOOKS + "/987654321"), 404, "notification.webhookNotFound");
        assertRefusal(admin.put(WEBHOOKS + "/987654321", webhook(Map.of())), 404, "notification.webhookNotFound");
        assertRefusal(admin.send("DELETE", WEBHOOKS + "/987654321", null), 404, "notification.webhookNotFound");
        assertProblem(admin.get(WEBHOOKS + "/abc"), 400);
        assertRefusal(admin.get("/api/notifications?status=LOST"), 400, "notification.badStatus");
        assertProblem(admin.get("/api/notifications?limit=0"), 400);
    }

    @Test
    void refusesWebhooksIntoTheCitysOwnOrReservedNetworks() {
        Api admin = api(data.world().admin());
        for (String url : List.of("https://10.0.0.1/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::ffff:10.0.0.1]/hook", "https://[fd00::1]/hook", "https://100.64.0.1/hook",
                "https://0.0.0.0/hook")) {
            assertRefusal(admin.post(WEBHOOKS, webhook(Map.of("url", url))), 400, "outbound.unsafeUrl");
        }
    }

    @Test
    void acceptsHttpsAndKeepsTheSecretWhenAChangeLeavesItOut() {
        World world = data.world();
        Api admin = api(world.admin());
        Api.Response created = admin.post(WEBHOOKS, webhook(Map.of("url", "https://chat.example.jp/hooks/koho")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();

        Map<String, Object> change = new HashMap<>(valid());
        change.remove("secret");
        change.put("enabled", false);
        change.put("kinds", List.of("SENDING_PAUSED"));
        Api.Response changed = admin.put(WEBHOOKS + "/" + id, Api.json(change));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("enabled").asBoolean()).isFalse();
        assertThat(changed.json().path("kinds").toString()).isEqualTo("[\"SENDING_PAUSED\"]");
        assertThat(changed.body()).doesNotContain("secret");
        assertThat(admin.send("DELETE", WEBHOOKS + "/" + id, null).status()).isEqualTo(204);
        assertThat(admin.get(WEBHOOKS + "/" + id).status()).isEqualTo(404);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=WEBHOOK&subjectId=" + id).body())
                .contains("WEBHOOK_REGISTERED").contains("WEBHOOK_CHANGED").contains("WEBHOOK_REMOVED")
                .contains("https://chat.example.jp").doesNotContain("/hooks/koho");
    }

    @Test
    void refusesBadPreferencesAndAddresses() {
        World world = data.world();
        Api me = api(world.poster());
        Api admin = api(world.admin());

        assertProblem(me.put("/api/me/notifications", "{\"email\":{}}"), 400);
        assertProblem(me.put("/api/me/notifications", "{\"email\":{\"EVERYTHING\":false}}"), 400);
        assertProblem(me.put("/api/me/notifications", "{\"email\":{\"DELIVERY_FAILED\":null}}"), 400);
        assertProblem(me.put("/api/me/notifications", "{\"email\":{\"DELIVERY_FAILED\":\"sometimes\"}}"), 400);
        assertProblem(me.put("/api/me/notifications", "{\"email\":[]}"), 400);
        assertProblem(me.put("/api/me/notifications", "not json"), 400);

        String address = "/api/notifications/addresses/" + world.poster();
        assertRefusal(admin.put(address, Api.json(Map.of("email", "not an address"))), 400, "notification.badAddress");
        assertRefusal(admin.put(address, Api.json(Map.of("email", "広報 <pr@city.example.jp>"))), 400,
                "notification.badAddress");
        assertRefusal(admin.put(address, Api.json(Map.of("email", "a@b@city.example.jp"))), 400,
                "notification.badAddress");
        assertRefusal(admin.put("/api/notifications/addresses/nobody-" + world.poster(),
                Api.json(Map.of("email", "x@city.example.jp"))), 404, "staff.notFound");

        assertThat(admin.put(address, Api.json(Map.of("email", "poster@city.example.jp"))).status()).isEqualTo(204);
        assertThat(me.get("/api/me/notifications").json().path("email").asString()).isEqualTo("poster@city.example.jp");
        assertThat(admin.put(address, "{\"email\":null}").status()).isEqualTo(204);
        assertThat(me.get("/api/me/notifications").json().path("email").isNull()).isTrue();
        assertThat(api(world.auditor()).get("/api/audit?subjectType=STAFF&subjectId=" + world.poster()).body())
                .contains("STAFF_EMAIL_CHANGED").contains("poster@city.example.jp").contains("cleared");
    }

    @Test
    void onlyAdminsManageWebhooksAddressesAndTheOutbox() {
        World world = data.world();
        // a PR officer and an auditor come closest: one may pause everything, the other reads everything
        for (String someone : List.of(world.pr(), world.auditor())) {
            Api api = api(someone);
            assertProblem(api.get(WEBHOOKS), 403);
            assertProblem(api.post(WEBHOOKS, webhook(Map.of())), 403);
            assertProblem(api.put(WEBHOOKS + "/1", webhook(Map.of())), 403);
            assertProblem(api.send("DELETE", WEBHOOKS + "/1", null), 403);
            assertProblem(api.get("/api/notifications"), 403);
            assertProblem(api.put("/api/notifications/addresses/" + someone,
                    Api.json(Map.of("email", "me@city.example.jp"))), 403);
            assertThat(api.get("/api/me/notifications").status()).as("everyone has their own settings").isEqualTo(200);
        }
        assertProblem(anonymous().get("/api/me/notifications"), 401);
        assertThat(api(world.admin()).get(WEBHOOKS).status()).isEqualTo(200);
    }

    private static Map<String, Object> valid() {
        return Map.of("name", "庁内チャット", "url", "https://chat.example.jp/hooks/koho", "secret", SECRET,
                "kinds", List.of("DELIVERY_FAILED", "APPROVAL_WAITING"));
    }

    private static String webhook(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(valid());
        body.putAll(overrides);
        return Api.json(body);
    }
}
