package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.enc;
import static org.kohogateway.gateway.testing.PageSession.formError;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.incident.Incident;
import org.kohogateway.gateway.incident.IncidentKind;
import org.kohogateway.gateway.incident.Incidents;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** The incident pages over real HTTP: record, tick each step with a note, close once all are done, refusals, roles. */
class IncidentPagesIntegrationTest extends IntegrationTest {

    @Autowired
    Incidents incidents;

    @Autowired
    AuditTrail audit;

    @Test
    void anImpersonationIsRecordedWorkedThroughStepByStepAndClosed() {
        World world = data.world();
        PageSession pr = session(world.pr());
        String summary = "偽の観光アカウントが市を名乗って投稿している " + TestData.unique();
        assertThat(pr.page("/")).contains("href=\"/incidents\"");

        HttpResponse<String> recorded = pr.submit("/incidents", "/incidents",
                "kind=IMPERSONATION&accountId=" + world.lineA().id() + "&summary=" + enc(summary));

        assertThat(recorded.body()).contains("事案を記録しました").contains(summary).contains(world.lineA().name())
                .contains("当該ソーシャルメディアの管理者に削除を依頼する").contains("市ホームページなどで注意を呼びかける");
        String path = recorded.uri().getPath();
        long id = Long.parseLong(path.substring("/incidents/".length()));
        assertThat(pr.page("/incidents")).contains("id=\"incident-" + id + "\"").contains("手順 2 件中 0 件を実施");

        HttpResponse<String> early = pr.submit(path, path + "/close", "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(formError(early.body(), "close"))
                .contains("未実施の手順があります: 当該ソーシャルメディアの管理者に削除を依頼する、市ホームページなどで注意を呼びかける");
        HttpResponse<String> noNote = pr.submit(path, path + "/steps/REPORT_TO_PLATFORM", "note=");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(formError(noNote.body(), "step-REPORT_TO_PLATFORM")).contains("実施した内容を記入してください");
        HttpResponse<String> wrongStep = pr.submit(path, path + "/steps/RESPOND_CALMLY", "note=x");
        assertThat(wrongStep.statusCode()).isEqualTo(400);
        assertThat(formError(wrongStep.body(), "steps"))
                .contains("手順 反論や抗弁は控え、冷静に対応する は 成りすまし の手順ではありません");

        assertThat(pr.submit(path, path + "/steps/REPORT_TO_PLATFORM", "note=" + enc("X社に削除を依頼した")).body())
                .contains("手順の実施を記録しました").contains("X社に削除を依頼した");
        HttpResponse<String> twice = pr.submit(path, path + "/steps/REPORT_TO_PLATFORM", "note=again");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(formError(twice.body(), "step-REPORT_TO_PLATFORM")).contains("は実施済みです");
        PageSession head = session(world.approver());
        assertThat(head.submit(path, path + "/steps/WARN_ON_HOMEPAGE", "note=" + enc("市HPに注意喚起を掲載")).body())
                .contains("すべての手順を記録しました");

        HttpResponse<String> closed = head.submit(path, path + "/close", "");

        assertThat(closed.body()).contains("事案を終了しました").contains("id=\"incident-state\">終了<");
        Incident incident = incidents.get(id);
        assertThat(incident.status()).isEqualTo("CLOSED");
        assertThat(incident.steps()).allMatch(Incident.Step::done);
        assertThat(audit.find(AuditQuery.forSubject("INCIDENT", Long.toString(id)))).extracting(AuditEntry::action)
                .containsExactly("INCIDENT_CLOSED", "INCIDENT_STEP_DONE", "INCIDENT_STEP_DONE", "INCIDENT_REPORTED");
        String list = pr.page("/incidents");
        assertThat(list.indexOf("id=\"incident-" + id + "\"")).isGreaterThan(list.indexOf("id=\"closed-incidents\""));
        HttpResponse<String> again = pr.submit(path, path + "/close", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(formError(again.body(), "close")).contains("事案には操作");
    }

    @Test
    void eachBadReportIsAFormErrorWithWhatWasTyped() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String[][] bad = {
                {"summary=x", "事案の種類を選んでください", "400"},
                {"kind=GOSSIP&summary=x", "事案の種類を選んでください", "400"},
                {"kind=HOAX&summary=", "事案の内容を入力してください", "400"},
                {"kind=HOAX&summary=" + "長".repeat(4001), "4000 文字までです", "400"},
                {"kind=HOAX&accountId=abc&summary=x", "公式アカウント abc は存在しません", "400"},
                {"kind=HOAX&accountId=999999999&summary=x", "公式アカウント 999999999 は存在しません", "404"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = admin.submit("/incidents", "/incidents", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(formError(refused.body(), "report")).as(c[0]).contains(c[1]);
        }
        assertThat(incidents.readable(0, null, null)).as("every incident")
                .noneMatch(i -> i.reportedBy().equals(world.admin()));
        HttpResponse<String> kept = admin.submit("/incidents", "/incidents",
                "kind=HOAX&accountId=" + world.x().id() + "&summary=");
        assertThat(kept.body()).contains("value=\"HOAX\" checked").contains("selected=\"selected\">" + world.x().name());
        assertThat(admin.get("/incidents/999999999").statusCode()).isEqualTo(404);
        assertThat(admin.get("/incidents/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void auditorsReadPostersAreKeptOutAndEveryFormNeedsItsCsrfToken() {
        World world = data.world();
        Incident incident = incidents.report(world.pr(), IncidentKind.FLAME_WAR, world.lineA().id(),
                "コメント欄が荒れている " + TestData.unique());
        String path = "/incidents/" + incident.id();

        PageSession poster = session(world.poster());
        assertThat(poster.get("/incidents").statusCode()).isEqualTo(403);
        assertThat(poster.get(path).statusCode()).isEqualTo(403);
        assertThat(poster.page("/")).doesNotContain("href=\"/incidents\"");

        PageSession auditor = session(world.auditor());
        String read = auditor.page(path);
        assertThat(read).contains(incident.summary()).contains("反論や抗弁は控え、冷静に対応する")
                .doesNotContain("action=\"" + path + "/steps/").doesNotContain("action=\"" + path + "/close\"");
        assertThat(auditor.page("/incidents")).doesNotContain("action=\"/incidents\"");
        HttpResponse<String> refused = auditor.submit(path, path + "/steps/RESPOND_CALMLY", "note=x");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("この操作を行う権限がありません").contains("広報担当、所属長、管理者が行います");

        PageSession pr = session(world.pr());
        assertThat(pr.submitWithoutToken("/incidents", "kind=HOAX&summary=x").statusCode()).isEqualTo(403);
        assertThat(pr.submitWithoutToken(path + "/steps/RESPOND_CALMLY", "note=x").statusCode()).isEqualTo(403);
        assertThat(pr.submitWithoutToken(path + "/close", "").statusCode()).isEqualTo(403);
        assertThat(incidents.get(incident.id()).steps()).noneMatch(Incident.Step::done);
        assertThat(pr.page(path + "?lang=en")).contains("Respond calmly, without arguing back").contains("Flame war");
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }
}
