package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.notification.NotificationKind;
import org.kohogateway.gateway.notification.NotificationSettings;
import org.kohogateway.gateway.notification.Webhook;
import org.kohogateway.gateway.notification.Webhooks;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** The notification pages over real HTTP: one's own kinds, the admin's webhooks (write-only secret) and addresses. */
class NotificationPagesIntegrationTest extends IntegrationTest {

    private static final String SECRET = "s3cret-for-signing-webhooks-0123456789";

    @Autowired
    NotificationSettings settings;

    @Autowired
    Webhooks webhooks;

    @Autowired
    StaffDirectory directory;

    @Autowired
    AuditTrail audit;

    @Test
    void eachPersonSwitchesTheirOwnKindsOnAndOff() {
        World world = data.world();
        PageSession poster = session(world.poster());
        String page = poster.page("/notifications");
        assertThat(page).contains("value=\"DELIVERY_FAILED\" id=\"kind-DELIVERY_FAILED\"")
                .contains("登録されていません").contains("承認待ち");
        assertThat(page.split(" checked", -1)).hasSize(NotificationKind.values().length + 1);

        HttpResponse<String> saved = poster.submit("/notifications", "/notifications",
                "on=DELIVERY_FAILED&on=APPROVAL_WAITING");

        assertThat(saved.body()).contains("通知の設定を保存しました");
        var byEmail = settings.of(world.poster()).byEmail();
        assertThat(byEmail.get(NotificationKind.DELIVERY_FAILED)).isTrue();
        assertThat(byEmail.get(NotificationKind.APPROVAL_WAITING)).isTrue();
        assertThat(byEmail.get(NotificationKind.DELIVERY_HELD)).isFalse();
        assertThat(byEmail.get(NotificationKind.SENDING_PAUSED)).isFalse();
        assertThat(settings.of(world.approver()).byEmail().get(NotificationKind.DELIVERY_HELD))
                .as("someone else's settings stay").isTrue();
        assertThat(saved.body().split(" checked", -1)).hasSize(3);
        assertThat(audit.find(new AuditQuery("STAFF", world.poster(), world.poster(), 10)))
                .extracting(AuditEntry::action).containsExactly("NOTIFICATION_PREFERENCES_CHANGED");

        HttpResponse<String> unknown = poster.submit("/notifications", "/notifications", "on=GOSSIP");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(formError(unknown.body(), "preferences")).contains("通知の種類 GOSSIP はありません");
        assertThat(poster.submitWithoutToken("/notifications", "").statusCode()).isEqualTo(403);
        assertThat(settings.of(world.poster()).byEmail().get(NotificationKind.DELIVERY_FAILED)).isTrue();
        assertThat(poster.page("/")).contains("href=\"/notifications\"").doesNotContain("href=\"/admin/notifications\"");
    }

    @Test
    void anAdminRegistersAWebhookWhoseSecretIsNeverShownAndRemovesItAfterConfirming() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String name = "防災チャット " + TestData.unique();
        String url = "https://hooks.example.jp/koho/" + TestData.unique();

        assertThat(admin.submitWithoutToken("/admin/notifications/webhooks", "name=" + enc(name) + "&url=" + enc(url)
                + "&secret=" + SECRET + "&kinds=DELIVERY_FAILED").statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(webhooks.list(world.admin())).noneMatch(w -> w.name().equals(name));
        HttpResponse<String> registered = admin.submit("/admin/notifications", "/admin/notifications/webhooks",
                "name=" + enc(name) + "&url=" + enc(url) + "&secret=" + SECRET + "&kinds=DELIVERY_FAILED"
                        + "&kinds=SENDING_PAUSED&departmentId=" + world.departmentA().id());

        Webhook webhook = webhooks.list(world.admin()).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow();
        try {
            assertThat(registered.body()).contains("Webhook を登録しました").contains(name).contains(url)
                    .contains(world.departmentA().name()).doesNotContain(SECRET);
            assertThat(webhook.kinds()).containsExactlyInAnyOrder(NotificationKind.DELIVERY_FAILED,
                    NotificationKind.SENDING_PAUSED);
            assertThat(webhook.departmentId()).isEqualTo(world.departmentA().id());
            List<AuditEntry> trail = audit.find(AuditQuery.forSubject("WEBHOOK", Long.toString(webhook.id())));
            assertThat(trail).extracting(AuditEntry::action).containsExactly("WEBHOOK_REGISTERED");
            assertThat(trail.getFirst().detail()).doesNotContain(SECRET);

            String remove = "/admin/notifications/webhooks/" + webhook.id() + "/remove";
            assertThat(admin.page(remove)).contains("Webhook「" + name + "」");
            assertThat(admin.submitWithoutToken(remove, "").statusCode()).isEqualTo(403);
            assertThat(admin.submit(remove, remove, "").body()).contains("Webhook を削除しました").doesNotContain(url);
            assertThat(webhooks.list(world.admin())).noneMatch(w -> w.id() == webhook.id());
            assertThat(admin.get(remove).statusCode()).isEqualTo(404);
        } finally {
            if (webhooks.list(world.admin()).stream().anyMatch(w -> w.id() == webhook.id())) {
                webhooks.remove(world.admin(), webhook.id());
            }
        }
    }

    @Test
    void eachBadWebhookIsAFormErrorThatKeepsWhatWasTypedButNeverTheSecret() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String name = "不正な Webhook " + TestData.unique();
        String base = "name=" + enc(name) + "&url=" + enc("https://hooks.example.jp/x");
        String[][] bad = {
                {base + "&kinds=DELIVERY_FAILED", "署名用のシークレットが必要です"},
                {base + "&secret=short-" + SECRET.substring(0, 10) + "&kinds=DELIVERY_FAILED", "シークレットは 32〜512 文字"},
                {base + "&secret=" + SECRET, "受け取る通知の種類を1つ以上"},
                {base + "&secret=" + SECRET + "&kinds=GOSSIP", "通知の種類 GOSSIP はありません"},
                {"name=x&url=" + enc("http://hooks.example.jp/x") + "&secret=" + SECRET + "&kinds=DELIVERY_FAILED",
                        "https にしてください"},
                {"name=&url=" + enc("https://hooks.example.jp/x") + "&secret=" + SECRET + "&kinds=DELIVERY_FAILED",
                        "Webhook の名前を"},
                {base + "&secret=" + SECRET + "&kinds=DELIVERY_FAILED&departmentId=abc", "所属 abc は存在しません"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = admin.submit("/admin/notifications", "/admin/notifications/webhooks", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(formError(refused.body(), "webhook")).as(c[0]).contains(c[1]);
            assertThat(refused.body()).as(c[0]).doesNotContain(SECRET);
        }
        HttpResponse<String> kept = admin.submit("/admin/notifications", "/admin/notifications/webhooks",
                base + "&secret=too-short&kinds=DELIVERY_HELD");
        assertThat(kept.body()).contains("value=\"" + name + "\"").contains("value=\"https://hooks.example.jp/x\"")
                .contains("value=\"DELIVERY_HELD\" checked");
        assertThat(webhooks.list(world.admin())).noneMatch(w -> w.name().equals(name));
    }

    @Test
    void anAdminSetsAndClearsStaffAddressesAndOnlyAdminsReachThatPage() {
        World world = data.world();
        for (String other : new String[] {world.poster(), world.pr(), world.auditor()}) {
            PageSession session = session(other);
            assertThat(session.get("/admin/notifications").statusCode()).as(other).isEqualTo(403);
            assertThat(session.submit("/notifications", "/admin/notifications/addresses",
                    "username=" + other + "&email=me@example.jp").statusCode()).as(other).isEqualTo(403);
        }
        assertThat(directory.email(world.poster())).isEmpty();
        PageSession admin = session(world.admin());
        String filtered = "/admin/notifications?q=" + world.poster();
        assertThat(admin.page(filtered)).contains("id=\"address-" + directory.byUsername(world.poster()).id() + "\"");

        HttpResponse<String> badAddress = admin.submit(filtered, "/admin/notifications/addresses",
                "username=" + world.poster() + "&email=" + enc("not an address") + "&q=" + world.poster());
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(formError(badAddress.body(), "address-" + world.poster())).contains("形式が正しくありません");
        assertThat(badAddress.body()).contains("value=\"not an address\"");
        assertThat(admin.submitWithoutToken("/admin/notifications/addresses",
                "username=" + world.poster() + "&email=x@example.jp").statusCode()).isEqualTo(403);

        HttpResponse<String> set = admin.submit(filtered, "/admin/notifications/addresses",
                "username=" + world.poster() + "&email=poster@city.example.jp&q=" + world.poster());

        assertThat(set.body()).contains("通知先のメールアドレスを保存しました").contains("value=\"poster@city.example.jp\"");
        assertThat(set.uri().getQuery()).isEqualTo("q=" + world.poster());
        assertThat(directory.email(world.poster())).contains("poster@city.example.jp");
        assertThat(session(world.poster()).page("/notifications")).contains("poster@city.example.jp");
        assertThat(admin.submit(filtered, "/admin/notifications/addresses", "username=" + world.poster() + "&email=")
                .body()).contains("解除しました");
        assertThat(directory.email(world.poster())).isEmpty();
        assertThat(audit.find(new AuditQuery("STAFF", world.poster(), world.admin(), 10)))
                .extracting(AuditEntry::action).containsExactly("STAFF_EMAIL_CHANGED", "STAFF_EMAIL_CHANGED");
        assertThat(admin.submit(filtered, "/admin/notifications/addresses", "username=nobody-" + TestData.unique()
                + "&email=x@example.jp").statusCode()).isEqualTo(404);
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
