package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.location;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.catalina.Context;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Lockout, the TOTP second factor, session timeout and password hashing, over real HTTP. */
class LoginIntegrationTest extends IntegrationTest {

    private static final String LOCKED_JA = "ログインの失敗が続いたため";
    private static final String LOCKED_EN = "Too many failed logins";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    WebServerApplicationContext server;

    @Autowired
    StaffDirectory staff;

    /** Just the people a login test needs (no accounts: {@code data.world()} would make seven). */
    record People(String poster, String approver, String auditor, String admin) {
    }

    @Test
    void theLoginFormLocksAfterFiveFailuresAndOpensAgainOnceTheLockHasRunOut() {
        People world = people();
        PageSession browser = browser();
        for (int i = 1; i <= 4; i++) {
            assertThat(location(browser.postLogin(world.poster(), "wrong-" + i))).as("failure " + i)
                    .endsWith("/login?error");
        }
        assertThat(location(browser.postLogin(world.poster(), "wrong-5"))).endsWith("/login?locked");
        assertThat(location(browser.postLogin(world.poster(), TestData.PASSWORD))).as("even the right password")
                .endsWith("/login?locked");
        assertThat(browser.get("/login?locked").body()).contains(LOCKED_JA);
        assertThat(browser.get("/login?locked&lang=en").body()).contains(LOCKED_EN);

        clock.advance(Duration.ofMinutes(14));
        assertThat(location(browser.postLogin(world.poster(), TestData.PASSWORD))).endsWith("/login?locked");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(location(browser.postLogin(world.poster(), TestData.PASSWORD))).doesNotContain("/login");
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        assertThat(audit.find(AuditQuery.forSubject("LOGIN", world.poster()))).singleElement()
                .satisfies(e -> assertThat(e.action()).isEqualTo("LOGIN_LOCKED"))
                .satisfies(e -> assertThat(e.detail()).contains("\"failures\": 5").contains("\"knownUser\": true"));
    }

    @Test
    void httpBasicLocksTooAndASuccessForgetsEarlierFailures() {
        People world = people();
        Api wrong = new Api(port, world.approver(), "wrong");
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/me").status()).isEqualTo(401);
        }
        assertThat(basic(world.approver()).get("/api/me").status()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/me").status()).isEqualTo(401);
        }
        assertThat(basic(world.approver()).get("/api/me").status()).as("4 + 4 failures, a success between")
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            wrong.get("/api/me");
        }
        Api.Response locked = basic(world.approver()).get("/api/me");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail").asString()).contains(LOCKED_JA);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(basic(world.approver()).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void failuresFurtherApartThanTheWindowDoNotAddUp() {
        People world = people();
        Api wrong = new Api(port, world.poster(), "wrong");
        for (int i = 0; i < 4; i++) {
            wrong.get("/api/me");
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            wrong.get("/api/me");
        }
        assertThat(basic(world.poster()).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void anUnknownUsernameGetsTheSameAnswersAsAWrongPasswordIncludingTheLock() {
        People world = people();
        String nobody = "nobody-" + TestData.unique();
        PageSession browser = browser();
        for (int i = 1; i <= 4; i++) {
            String unknown = location(browser.postLogin(nobody, "x"));
            String wrongPassword = location(browser.postLogin(world.auditor(), "x"));
            assertThat(unknown).isEqualTo(wrongPassword).endsWith("/login?error");
        }
        assertThat(location(browser.postLogin(nobody, "x"))).endsWith("/login?locked");
        assertThat(location(browser.postLogin(world.auditor(), "x"))).endsWith("/login?locked");

        Api.Response unknownBasic = new Api(port, "nobody-" + TestData.unique(), "x").get("/api/me");
        Api.Response wrongBasic = new Api(port, world.poster(), "x").get("/api/me");
        assertThat(unknownBasic.status()).isEqualTo(wrongBasic.status()).isEqualTo(401);
        assertThat(unknownBasic.body()).isEqualTo(wrongBasic.body());
        assertThat(audit.find(AuditQuery.forSubject("LOGIN", nobody))).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("\"knownUser\": false"));
    }

    @Test
    void anAdminLiftsALockThroughTheApiAndItIsAudited() {
        People world = people();
        Api wrong = new Api(port, world.poster(), "wrong");
        for (int i = 0; i < 5; i++) {
            wrong.get("/api/me");
        }
        assertThat(basic(world.poster()).get("/api/me").status()).isEqualTo(401);
        String path = "/api/staff/" + world.poster() + "/lock";
        assertThat(basic(world.approver()).send("DELETE", path, null).status()).as("not an admin").isEqualTo(403);
        assertThat(api(world.admin()).send("DELETE", path, null).status()).isEqualTo(204);
        assertThat(basic(world.poster()).get("/api/me").status()).isEqualTo(200);
        Api.Response again = api(world.admin()).send("DELETE", path, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("detail").asString()).contains("ロックされていません");
        assertThat(audit.find(AuditQuery.forSubject("LOGIN", world.poster())).stream().map(AuditEntry::action))
                .containsExactly("LOGIN_UNLOCKED", "LOGIN_LOCKED");
        assertThat(audit.find(AuditQuery.forSubject("LOGIN", world.poster())).getFirst().actor())
                .isEqualTo(world.admin());
    }

    @Test
    void anAdminWithoutASecondFactorIsMadeToEnrolBeforeReachingAnyPage() {
        People world = people();
        PageSession browser = browser();
        assertThat(location(browser.postLogin(world.admin(), TestData.PASSWORD))).endsWith("/login/totp/enrol");
        for (String page : new String[] {"/", "/admin/accounts", "/audit", "/posts", "/login/totp"}) {
            HttpResponse<String> held = browser.get(page);
            assertThat(held.statusCode()).as(page).isEqualTo(302);
            assertThat(location(held)).as(page).endsWith("/login/totp/enrol");
        }
        String enrolment = browser.get("/login/totp/enrol").body();
        assertThat(enrolment).contains("管理者は二段階認証が必須です").contains("otpauth://totp/Koho%20Gateway:"
                + world.admin() + "?secret=");
        byte[] secret = PageSession.secretOn(enrolment);

        HttpResponse<String> wrong = browser.postOn(enrolment, "/login/totp/enrol", "code=" + wrongCode(secret));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("確認コードが違うか");
        assertThat(PageSession.secretOn(wrong.body())).as("the same secret, shown again").isEqualTo(secret);
        HttpResponse<String> done = browser.postOn(wrong.body(), "/login/totp/enrol",
                "code=" + Totp.code(secret, clock.instant()));
        assertThat(location(done)).doesNotContain("/login");
        assertThat(browser.get("/admin/accounts").statusCode()).isEqualTo(200);

        byte[] sealed = jdbc.sql("select secret_sealed from staff_totp t join staff s on s.id = t.staff_id "
                + "where s.username = :u").param("u", world.admin()).query(byte[].class).single();
        assertThat(HexFormat.of().formatHex(sealed)).as("sealed at rest").doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(audit.find(AuditQuery.forSubject("STAFF", world.admin())).stream().map(AuditEntry::action))
                .contains("TOTP_ENROLLED");
        assertThat(browser.get("/login/totp/enrol").body()).as("never shown again")
                .doesNotContain(Totp.base32(secret)).contains("二段階認証は設定済みです");
    }

    @Test
    void theSecondStepRefusesWrongAndReusedCodesAndAcceptsAFreshOne() {
        People world = people();
        PageSession first = browser();
        first.postLogin(world.admin(), TestData.PASSWORD);
        byte[] secret = first.enrol();

        PageSession browser = browser();
        assertThat(location(browser.postLogin(world.admin(), TestData.PASSWORD))).endsWith("/login/totp");
        assertThat(location(browser.get("/admin/accounts"))).endsWith("/login/totp");
        HttpResponse<String> reused = browser.code(secret);
        assertThat(reused.statusCode()).as("the code used to enrol, in the same step").isEqualTo(400);
        assertThat(reused.body()).contains("すでに使われています");
        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        String fresh = Totp.code(secret, clock.instant());
        assertThat(location(browser.code(fresh))).doesNotContain("/login");
        assertThat(browser.get("/admin/accounts").statusCode()).isEqualTo(200);

        PageSession other = browser();
        other.postLogin(world.admin(), TestData.PASSWORD);
        assertThat(other.code(fresh).statusCode()).as("accepted once, never twice").isEqualTo(400);
    }

    @Test
    void wrongCodesCountTowardsTheLockAndTheLockEndsTheHalfDoneLogin() {
        People world = people();
        PageSession enrolling = browser();
        enrolling.postLogin(world.admin(), TestData.PASSWORD);
        byte[] secret = enrolling.enrol();
        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        String wrong = wrongCode(secret);

        PageSession browser = browser();
        browser.postLogin(world.admin(), TestData.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThat(browser.code(wrong).statusCode()).isEqualTo(400);
        }
        assertThat(location(browser.code(wrong))).endsWith("/login?locked");
        assertThat(location(browser.get("/"))).as("signed out").endsWith("/login");
        assertThat(location(browser.postLogin(world.admin(), TestData.PASSWORD))).endsWith("/login?locked");
    }

    @Test
    void anyoneMayEnrolAndThenHttpBasicNeedsTheCodeInXTotpUntilAnAdminResetsIt() {
        People world = people();
        PageSession browser = browser();
        assertThat(location(browser.postLogin(world.poster(), TestData.PASSWORD))).doesNotContain("/login");
        String optional = browser.get("/login/totp/enrol").body();
        assertThat(optional).doesNotContain("管理者は二段階認証が必須です");
        byte[] secret = browser.enrol();

        Api.Response basic = basic(world.poster()).get("/api/me");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().get("detail").asString()).contains("X-TOTP").contains("API トークン");
        assertThat(basic(world.poster()).send("GET", "/api/me", null, null, "en").json().get("detail").asString())
                .contains("X-TOTP header").contains("API token");
        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        Api withCode = basic(world.poster()).withHeader("X-TOTP", Totp.code(secret, clock.instant()));
        assertThat(withCode.get("/api/me").status()).as("HTTP Basic with the current code").isEqualTo(200);
        Api.Response replayed = withCode.get("/api/me");
        assertThat(replayed.status()).as("the same code again").isEqualTo(401);
        assertThat(replayed.json().get("detail").asString()).contains("すでに使われています");

        clock.advance(Duration.ofSeconds(Totp.PERIOD));
        PageSession again = browser();
        assertThat(location(again.postLogin(world.poster(), TestData.PASSWORD))).endsWith("/login/totp");
        assertThat(location(again.code(secret))).doesNotContain("/login");

        assertThat(basic(world.poster()).send("DELETE", "/api/staff/" + world.poster() + "/totp", null).status())
                .isEqualTo(401);
        assertThat(api(world.admin()).send("DELETE", "/api/staff/" + world.poster() + "/totp", null).status())
                .isEqualTo(204);
        assertThat(basic(world.poster()).get("/api/me").status()).isEqualTo(200);
        assertThat(audit.find(AuditQuery.forSubject("STAFF", world.poster())).stream().map(AuditEntry::action))
                .containsExactly("TOTP_RESET", "TOTP_ENROLLED");
    }

    @Test
    void anAdminCannotUseHttpBasicEvenBeforeEnrolling() {
        People world = people();
        Api.Response refused = basic(world.admin()).get("/api/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("先に画面からログインして設定してください");
        assertThat(basic(world.admin()).withHeader("X-TOTP", "123456").get("/api/me").status()).isEqualTo(401);
        assertThat(api(world.admin()).get("/api/me").status()).as("with an API token").isEqualTo(200);
        assertThat(basic(world.admin()).get("/v3/api-docs").status()).as("nor HTTP Basic on the pages' side")
                .isEqualTo(401);
        assertThat(basic(world.poster()).get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void pageSessionsEndAfterThirtyIdleMinutes() {
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        assertThat(context.getSessionTimeout()).as("minutes").isEqualTo(30);
    }

    @Test
    void passwordsAreStoredAsBcryptAtCostTenAndWeakerHashesAreUpgradedAtLogin() {
        People world = people();
        String stored = hash(world.poster());
        assertThat(stored).startsWith("{bcrypt}$2a$10$").doesNotContain(TestData.PASSWORD + "$")
                .isNotEqualTo(TestData.PASSWORD);
        assertThat(passwords.matches(TestData.PASSWORD, stored)).isTrue();

        jdbc.sql("update staff set password_hash = :h where username = :u")
                .param("h", "{bcrypt}" + new BCryptPasswordEncoder(4).encode(TestData.PASSWORD))
                .param("u", world.poster()).update();
        assertThat(basic(world.poster()).get("/api/me").status()).isEqualTo(200);
        String upgraded = hash(world.poster());
        assertThat(upgraded).startsWith("{bcrypt}$2a$10$");
        assertThat(passwords.matches(TestData.PASSWORD, upgraded)).isTrue();
    }

    /** A code that is none of those the secret has in the steps around the clock's. */
    private String wrongCode(byte[] secret) {
        long step = Totp.step(clock.instant());
        java.util.Set<String> right = java.util.Set.of(Totp.code(secret, step - 1), Totp.code(secret, step),
                Totp.code(secret, step + 1));
        return java.util.stream.IntStream.range(0, 4).mapToObj(i -> String.format("%06d", i)).filter(c -> !right.contains(c))
                .findFirst().orElseThrow();
    }

    private String hash(String username) {
        return jdbc.sql("select password_hash from staff where username = :u").param("u", username)
                .query(String.class).single();
    }

    private People people() {
        String n = TestData.unique();
        Department department = staff.addDepartment("login-" + n, "情報政策課 " + n, false);
        return new People(person("poster-" + n, department, Role.POSTER),
                person("approver-" + n, department, Role.APPROVER), person("auditor-" + n, department, Role.AUDITOR),
                person("admin-" + n, department, Role.ADMIN));
    }

    private String person(String username, Department department, Role role) {
        staff.addStaff(username, username, TestData.PASSWORD, department.id(), java.util.Set.of(role));
        return username;
    }

    private PageSession browser() {
        return PageSession.browser(port, clock);
    }
}
