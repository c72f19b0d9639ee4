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
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.RoleGrants;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

class StaffPagesIntegrationTest extends IntegrationTest {

    private static final String GOOD_PASSWORD = "correct-horse-battery";

    @Autowired
    RoleGrants roleGrants;

    @Autowired
    StaffDirectory directory;

    @Autowired
    AuditTrail audit;

    @Test
    void onlyAdminsReachTheStaffPagesAndEveryFormNeedsItsCsrfToken() {
        World world = data.world();
        long posterId = directory.byUsername(world.poster()).id();
        for (String other : new String[] {world.poster(), world.pr(), world.approver(), world.auditor()}) {
            PageSession session = session(other);
            assertThat(session.get("/admin/staff").statusCode()).as(other).isEqualTo(403);
            assertThat(session.get("/admin/staff/" + posterId).statusCode()).as(other).isEqualTo(403);
            assertThat(session.page("/")).as(other).doesNotContain("href=\"/admin/staff\"");
        }
        PageSession pr = session(world.pr());
        assertThat(pr.submit("/", "/admin/staff/" + posterId + "/roles", "roles=ADMIN").statusCode()).isEqualTo(403);
        assertThat(directory.byUsername(world.poster()).roles()).containsExactly(Role.POSTER);

        PageSession admin = session(world.admin());
        assertThat(admin.page("/")).contains("href=\"/admin/staff\"");
        assertThat(admin.submitWithoutToken("/admin/staff/departments", "code=x&name=y").statusCode()).isEqualTo(403);
        assertThat(admin.submitWithoutToken("/admin/staff", "username=x&displayName=y&departmentId="
                + world.departmentA().id() + "&roles=POSTER&password=" + GOOD_PASSWORD).statusCode()).isEqualTo(403);
        for (String form : new String[] {"roles", "enabled", "password"}) {
            assertThat(admin.submitWithoutToken("/admin/staff/" + posterId + "/" + form,
                    "roles=ADMIN&enabled=false&password=" + GOOD_PASSWORD).statusCode()).as(form).isEqualTo(403);
        }
        assertThat(directory.byUsername(world.poster()).roles()).containsExactly(Role.POSTER);
        assertThat(PageSession.canLogin(port, world.poster(), TestData.PASSWORD)).isTrue();
    }

    @Test
    void anAdminAddsADepartmentAndTheListMarksThePrDepartment() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String code = "dept-" + TestData.unique();

        HttpResponse<String> created = admin.submit("/admin/staff", "/admin/staff/departments",
                "code=" + code + "&name=" + enc("市民課"));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("所属を追加しました").contains(code).contains("市民課");
        long id = directory.departmentByCode(code).orElseThrow().id();
        assertThat(audit(world.admin(), "DEPARTMENT", id)).extracting(AuditEntry::action)
                .containsExactly("DEPARTMENT_CREATED");
        String page = admin.page("/admin/staff");
        assertThat(row(page, "department-" + world.departmentA().id())).doesNotContain("広報担当課");
        long prDepartment = directory.byUsername(world.pr()).departmentId();
        assertThat(row(page, "department-" + prDepartment)).contains("広報担当課");
    }

    @Test
    void departmentFormErrorsKeepWhatWasTyped() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String[][] bad = {
                {"code=" + enc("観光 課") + "&name=x", "所属コードは半角英数字"},
                {"code=ok-" + TestData.unique() + "&name=", "所属名を入力してください"},
                {"code=" + world.departmentA().code() + "&name=" + enc("別の課"), "は既に使われています"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = admin.submit("/admin/staff", "/admin/staff/departments", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isBetween(400, 499);
            assertThat(formError(refused.body(), "department")).as(c[0]).contains(c[1]);
        }
        HttpResponse<String> duplicate = admin.submit("/admin/staff", "/admin/staff/departments",
                "code=" + world.departmentA().code() + "&name=" + enc("別の課"));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("value=\"" + world.departmentA().code() + "\"").contains("別の課");
    }

    @Test
    void anAdminCreatesAUserWhoCanThenLogIn() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String username = "newuser-" + TestData.unique();

        HttpResponse<String> created = admin.submit("/admin/staff", "/admin/staff", "username=" + username
                + "&displayName=" + enc("新人 太郎") + "&departmentId=" + world.departmentA().id()
                + "&roles=POSTER&roles=APPROVER&password=" + GOOD_PASSWORD);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("職員を登録しました").contains(username).contains("新人 太郎")
                .doesNotContain(GOOD_PASSWORD);
        Staff user = directory.byUsername(username);
        assertThat(user.roles()).as("APPROVER waits for a second person").containsExactly(Role.POSTER);
        assertThat(created.body()).contains("確認待ち");
        assertThat(user.departmentId()).isEqualTo(world.departmentA().id());
        assertThat(PageSession.canLogin(port, username, GOOD_PASSWORD)).isTrue();
        List<AuditEntry> entries = audit(world.admin(), "STAFF", user.id());
        assertThat(entries).extracting(AuditEntry::action).containsExactly("ROLE_GRANT_REQUESTED", "STAFF_CREATED");
        assertThat(entries.getLast().detail()).contains(username).contains("APPROVER").contains("POSTER")
                .doesNotContain(GOOD_PASSWORD);

        PageSession pr = session(world.pr());
        String grants = pr.page("/admin/grants");
        assertThat(grants).contains(username).contains("所属長（承認者）");
        long grant = roleGrants.pending(world.pr()).stream().filter(g -> g.username().equals(username))
                .findFirst().orElseThrow().id();
        assertThat(grants).contains("/admin/grants/" + grant + "/confirm");
        HttpResponse<String> confirmed = pr.submit("/admin/grants", "/admin/grants/" + grant + "/confirm", "");
        assertThat(confirmed.body()).contains("役割の付与を確認し、有効にしました");
        assertThat(directory.byUsername(username).roles()).containsExactlyInAnyOrder(Role.POSTER, Role.APPROVER);
        assertThat(admin.page("/admin/staff?q=" + username)).contains("/admin/staff/" + user.id());
        assertThat(admin.page("/admin/staff?department=" + world.departmentA().id())).contains(username);
        assertThat(admin.page("/admin/staff?department=" + world.departmentB().id())).doesNotContain(username);
    }

    @Test
    void eachBadUserIsAFormErrorNeverAServerError() {
        World world = data.world();
        PageSession admin = session(world.admin());
        String fresh = "fresh-" + TestData.unique();
        String department = "&departmentId=" + world.departmentA().id();
        String good = "&displayName=x&roles=POSTER&password=" + GOOD_PASSWORD;
        String[][] bad = {
                {"username=" + world.poster() + department + good, "は既に使われています", "409"},
                {"username=" + world.poster().toUpperCase() + department + good, "は既に使われています", "409"},
                {"username=" + fresh + "&departmentId=999999999" + good, "所属 999999999 は存在しません", "400"},
                {"username=" + fresh + "&departmentId=abc" + good, "所属 abc は存在しません", "400"},
                {"username=" + fresh + good, "所属を選んでください", "400"},
                {"username=" + fresh + department + "&displayName=x&password=" + GOOD_PASSWORD,
                        "ロールを1つ以上選んでください", "400"},
                {"username=" + fresh + department + "&displayName=x&roles=ROOT&password=" + GOOD_PASSWORD,
                        "ロール ROOT はありません", "400"},
                {"username=" + fresh + department + "&displayName=x&roles=POSTER&password=short-11ch",
                        "パスワードは 12 文字以上", "400"},
                {"username=" + fresh + department + "&displayName=x&roles=POSTER&password=" + enc("　".repeat(12)),
                        "パスワードは 12 文字以上", "400"},
                {"username=" + fresh + department + "&displayName=x&roles=POSTER&password=" + enc("長".repeat(25)),
                        "パスワードが長すぎます", "400"},
                {"username=" + enc("名前 空白") + department + good, "ユーザー名は半角英数字", "400"},
                {"username=" + fresh + department + "&displayName=&roles=POSTER&password=" + GOOD_PASSWORD,
                        "氏名を入力してください", "400"}};
        for (String[] c : bad) {
            HttpResponse<String> refused = admin.submit("/admin/staff", "/admin/staff", c[0]);
            assertThat(refused.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[2]));
            assertThat(formError(refused.body(), "staff")).as(c[0]).contains(c[1]);
            assertThat(refused.body()).as(c[0]).doesNotContain(GOOD_PASSWORD);
        }
        assertThat(directory.findByUsername(fresh)).isEmpty();
        HttpResponse<String> kept = admin.submit("/admin/staff", "/admin/staff", "username=" + fresh + department
                + "&displayName=" + enc("残る名前") + "&roles=AUDITOR&password=short");
        assertThat(kept.body()).contains("value=\"" + fresh + "\"").contains("value=\"残る名前\"")
                .contains("value=\"AUDITOR\" checked");
    }

    @Test
    void rolesChangeIsAuditedAndAppliesToAnOpenSessionAtOnce() {
        World world = data.world();
        PageSession admin = session(world.admin());
        PageSession pr = session(world.pr());
        assertThat(pr.get("/admin/accounts").statusCode()).isEqualTo(200);
        long prId = directory.byUsername(world.pr()).id();
        String member = "/admin/staff/" + prId;

        HttpResponse<String> empty = admin.submit(member, member + "/roles", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(formError(empty.body(), "roles")).contains("ロールを1つ以上選んでください");
        HttpResponse<String> changed = admin.submit(member, member + "/roles", "roles=POSTER");

        assertThat(changed.body()).contains("ロールを保存しました");
        assertThat(directory.byUsername(world.pr()).roles()).containsExactly(Role.POSTER);
        assertThat(pr.get("/admin/accounts").statusCode()).as("the open session lost PR_OFFICER").isEqualTo(403);
        List<AuditEntry> entries = audit(world.admin(), "STAFF", prId);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("STAFF_ROLES_CHANGED");
        assertThat(entries.getFirst().beforeState()).isEqualTo("POSTER,PR_OFFICER");
        assertThat(entries.getFirst().afterState()).isEqualTo("POSTER");
        assertThat(entries.getFirst().detail()).contains("\"removed\": [\"PR_OFFICER\"]");
    }

    @Test
    void anAdminCannotChangeTheirOwnRolesNorDisableThemselves() {
        World world = data.world();
        PageSession admin = session(world.admin());
        long me = directory.byUsername(world.admin()).id();
        String page = "/admin/staff/" + me;

        HttpResponse<String> demoted = admin.submit(page, page + "/roles", "roles=POSTER");
        assertThat(demoted.statusCode()).isEqualTo(403);
        assertThat(demoted.body()).contains("この操作を行う権限がありません").contains("自分の役割は変更できません");
        HttpResponse<String> disabled = admin.submit(page, page + "/enabled", "enabled=false");
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(formError(disabled.body(), "enabled")).contains("自分を無効にすることはできません");
        assertThat(directory.byUsername(world.admin()).roles()).containsExactly(Role.ADMIN);
        assertThat(admin.submit(page, page + "/roles", "roles=ADMIN&roles=AUDITOR").statusCode()).isEqualTo(403);
        assertThat(directory.byUsername(world.admin()).roles()).containsExactly(Role.ADMIN);
        assertThat(audit(world.admin(), "STAFF", me)).isEmpty();
    }

    @Test
    void aDisabledUserIsSignedOutAndCannotLogInUntilEnabled() {
        World world = data.world();
        PageSession admin = session(world.admin());
        PageSession auditor = session(world.auditor());
        assertThat(auditor.get("/audit").statusCode()).isEqualTo(200);
        long id = directory.byUsername(world.auditor()).id();
        String page = "/admin/staff/" + id;

        assertThat(admin.submit(page, page + "/enabled", "enabled=false").body()).contains("無効にしました");

        HttpResponse<String> after = auditor.get("/audit");
        assertThat(after.statusCode()).as("the open session ended").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(PageSession.canLogin(port, world.auditor(), TestData.PASSWORD)).isFalse();
        assertThat(api(world.auditor()).get("/api/me").status()).isEqualTo(401);
        assertThat(admin.page("/admin/staff?q=" + world.auditor())).contains("class=\"disabled\"");

        assertThat(admin.submit(page, page + "/enabled", "enabled=true").body()).contains("有効にしました");
        assertThat(PageSession.canLogin(port, world.auditor(), TestData.PASSWORD)).isTrue();
        assertThat(audit(world.admin(), "STAFF", id)).extracting(AuditEntry::action)
                .containsExactly("STAFF_ENABLED", "STAFF_DISABLED");
    }

    @Test
    void aPasswordResetTakesAStrongPasswordAndIsAuditedWithoutIt() {
        World world = data.world();
        PageSession admin = session(world.admin());
        long id = directory.byUsername(world.approver()).id();
        String page = "/admin/staff/" + id;

        HttpResponse<String> weak = admin.submit(page, page + "/password", "password=tooshort");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(formError(weak.body(), "password")).contains("パスワードは 12 文字以上");
        assertThat(PageSession.canLogin(port, world.approver(), TestData.PASSWORD)).isTrue();

        assertThat(admin.submit(page, page + "/password", "password=" + GOOD_PASSWORD).body())
                .contains("パスワードを再設定しました").doesNotContain(GOOD_PASSWORD);
        assertThat(PageSession.canLogin(port, world.approver(), TestData.PASSWORD)).isFalse();
        assertThat(PageSession.canLogin(port, world.approver(), GOOD_PASSWORD)).isTrue();
        List<AuditEntry> entries = audit(world.admin(), "STAFF", id);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("STAFF_PASSWORD_RESET");
        assertThat(entries.getFirst().detail()).doesNotContain(GOOD_PASSWORD);
        assertThat(admin.get("/admin/staff/999999999").statusCode()).isEqualTo(404);
        assertThat(admin.get("/admin/staff/abc").statusCode()).isEqualTo(400);
    }

    private PageSession session(String username) {
        return PageSession.login(port, username, TestData.PASSWORD);
    }

    private List<AuditEntry> audit(String actor, String type, long id) {
        return audit.find(new AuditQuery(type, Long.toString(id), actor, 100));
    }

    /** One table row by its id. */
    private static String row(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("row " + id).isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
