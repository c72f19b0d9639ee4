package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kohogateway.gateway.testing.PageSession.enc;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.policy.PolicyLists;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The admin's page of the rules' lists over real HTTP: view, add with a reason, remove after confirming, refusals. */
class PolicyListPagesIntegrationTest extends IntegrationTest {

    @Autowired
    PolicyLists lists;

    @Autowired
    AuditTrail audit;

    @Test
    void anAdminAddsATermWithItsReasonTheRulesUseItAndRemovesItAfterConfirming() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String term = "検証語" + TestData.unique();
        String page = admin.page("/admin/policy");
        assertThat(page).contains("URL 短縮サービス").contains("bit.ly").contains("死ね")
                .contains("§4-① 他者を侮辱する情報").contains("city.gotsu.lg.jp").contains("江津市役所 代表電話");

        HttpResponse<String> added = admin.submit("/admin/policy", "/admin/policy/PROHIBITED_TERM",
                "value=" + enc(term) + "&reason=" + enc("§4-⑦ 検証のため"));

        try {
            assertThat(added.body()).contains("項目を追加しました").contains(term).contains("§4-⑦ 検証のため");
            assertThat(findings(world, "明日は" + term + "です")).contains("PROHIBITED_CONTENT");
            String remove = "/admin/policy/PROHIBITED_TERM/remove?value=" + enc(term);
            assertThat(added.body()).contains("href=\"/admin/policy/PROHIBITED_TERM/remove?value=");
            String confirm = admin.page(remove);
            assertThat(confirm).contains("「禁止事項に当たるおそれのある語」から「" + term + "」を削除しますか");
            assertThat(lists.entries(ListName.PROHIBITED_TERM)).extracting(PolicyLists.Entry::value).contains(term);

            HttpResponse<String> requested = admin.submit(remove, "/admin/policy/PROHIBITED_TERM/remove",
                    "value=" + enc(term));

            assertThat(requested.body()).as("a weakening waits for a second person")
                    .contains("別の管理者か広報担当者が確認すると反映されます").contains("「" + term + "」を削除");
            assertThat(findings(world, "明日は" + term + "です")).contains("PROHIBITED_CONTENT");
            PageSession pr = session(world.pr());
            String changes = pr.page("/admin/policy/changes");
            long id = lists.pendingChanges().stream().filter(c -> c.value().equals(term)).findFirst().orElseThrow().id();
            assertThat(changes).contains(term).contains("/admin/policy/changes/" + id + "/confirm");
            HttpResponse<String> confirmed = pr.submit("/admin/policy/changes",
                    "/admin/policy/changes/" + id + "/confirm", "");

            assertThat(confirmed.body()).contains("変更を確認し、反映しました").doesNotContain(term);
            assertThat(findings(world, "明日は" + term + "です")).doesNotContain("PROHIBITED_CONTENT");
            assertThat(audit.find(new AuditQuery("POLICY_LIST", "PROHIBITED_TERM", world.admin(), 10)))
                    .extracting(AuditEntry::action).containsExactly("POLICY_LIST_CHANGE_REQUESTED", "POLICY_LIST_ENTRY_ADDED");
            assertThat(audit.find(new AuditQuery("POLICY_LIST", "PROHIBITED_TERM", world.pr(), 10)))
                    .extracting(AuditEntry::action).containsExactly("POLICY_LIST_ENTRY_REMOVED", "POLICY_LIST_CHANGE_CONFIRMED");
        } finally {
            lists.pendingChanges().stream().filter(c -> c.value().equals(term))
                    .forEach(c -> lists.refuse(world.pr2(), c.id()));
        }
    }

    @Test
    void eachBadEntryIsAFormErrorWithWhatWasTyped() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String[][] bad = {
                {"PROHIBITED_TERM", "value=" + enc("理由なし" + TestData.unique()) + "&reason=", "理由が必要です", "400"},
                {"BLOCKED_DOMAIN", "value=bad-" + TestData.unique() + ".example&reason=", "理由が必要です", "400"},
                {"URL_SHORTENER", "value=" + enc("not a domain") + "&reason=", "ドメイン名ではありません", "400"},
                {"URL_SHORTENER", "value=BIT.LY&reason=", "既に「bit.ly」があります", "400"},
                {"OFFICIAL_DOMAIN", "value=&reason=", "値は 1〜200 文字で", "400"},
                {"OFFICIAL_DOMAIN", "value=" + "a".repeat(201) + "&reason=", "値は 1〜200 文字で", "400"},
                {"PROHIBITED_TERM", "value=" + enc("長い理由" + TestData.unique()) + "&reason=" + "r".repeat(501),
                        "理由は 500 文字までです", "400"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = admin.submit("/admin/policy", "/admin/policy/" + c[0], c[1]);
            assertThat(refused.statusCode()).as(c[1]).isEqualTo(Integer.parseInt(c[3]));
            assertThat(formError(refused.body(), "add-" + c[0])).as(c[1]).contains(c[2]);
        }
        HttpResponse<String> kept = admin.submit("/admin/policy", "/admin/policy/URL_SHORTENER",
                "value=" + enc("not a domain") + "&reason=" + enc("書いた説明"));
        assertThat(kept.body()).contains("value=\"not a domain\"").contains("value=\"書いた説明\"");
        HttpResponse<String> gone = admin.submit("/admin/policy", "/admin/policy/URL_SHORTENER/remove",
                "value=never-listed-" + TestData.unique() + ".example");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(formError(gone.body(), "remove")).contains("はありません");
        assertThat(admin.get("/admin/policy/NO_SUCH_LIST/remove?value=x").statusCode()).isEqualTo(400);
        assertThat(audit.find(new AuditQuery("POLICY_LIST", null, world.admin(), 10))).isEmpty();
    }

    @Test
    void onlyAdminsChangeTheListsAndEveryFormNeedsItsCsrfToken() {
        World world = data.world();
        String domain = "csrf-" + TestData.unique() + ".example";
        for (String other : new String[] {world.poster(), world.pr(), world.approver(), world.auditor()}) {
            PageSession session = session(other);
            assertThat(session.get("/admin/policy").statusCode()).as(other).isEqualTo(403);
            assertThat(session.page("/")).as(other).doesNotContain("href=\"/admin/policy\"");
            assertThat(session.submit("/", "/admin/policy/URL_SHORTENER", "value=" + domain).statusCode())
                    .as(other).isEqualTo(403);
        }
        assertThatThrownBy(() -> lists.add(world.pr(), ListName.URL_SHORTENER, domain, ""))
                .as("the domain refuses too, whatever the edge").isInstanceOf(NotPermittedException.class);
        PageSession admin = session(world.admin());
        assertThat(admin.page("/")).contains("href=\"/admin/policy\"");
        assertThat(admin.submitWithoutToken("/admin/policy/URL_SHORTENER", "value=" + domain).statusCode())
                .isEqualTo(403);
        assertThat(admin.submitWithoutToken("/admin/policy/URL_SHORTENER/remove", "value=bit.ly").statusCode())
                .isEqualTo(403);
        assertThat(lists.entries(ListName.URL_SHORTENER)).extracting(PolicyLists.Entry::value).contains("bit.ly")
                .doesNotContain(domain);
    }

    private List<String> findings(World world, String text) {
        JsonNode check = api(world.poster()).post("/api/posts/check", Api.json(Map.of("text", text,
                "category", "NOTICE", "accountIds", List.of(world.lineA().id())))).json();
        return Api.each(check, "rule");
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
