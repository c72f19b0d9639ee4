package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.location;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.IdentityProviderStub;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The authorization-code flow against the stubbed city identity provider (discovery, JWKS, token endpoint with an ID
 * token signed in the test), driven by the test's HTTP client: the gateway's redirect to the provider, the callback
 * with a code, the token exchange and the ID token's checks (signature, issuer, audience, nonce) all run for real.
 */
class CityLoginIntegrationTest extends IntegrationTest {

    @Autowired
    StaffDirectory staff;

    @Autowired
    AuditTrail audit;

    @Test
    void theLoginPageOffersTheCityLogin() {
        assertThat(PageSession.browser(port, clock).get("/login").body())
                .contains("href=\"/oauth2/authorization/city\"").contains("市の職員アカウントでログイン");
    }

    @Test
    void aKnownStaffMemberLogsInAndTheirRolesAndDepartmentFollowTheGroups() {
        World world = data.world();
        PageSession browser = PageSession.browser(port, clock);
        String subject = "sub-" + TestData.unique();
        HttpResponse<String> done = loginThroughProvider(browser, Map.of("preferred_username", world.poster(),
                "sub", subject, "groups", List.of("all-staff", "sns-approvers", "sns-posters"),
                "department", world.departmentB().code()));

        assertThat(location(done)).endsWith("/");
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(world.departmentB().name());
        Staff synced = staff.byUsername(world.poster());
        assertThat(synced.roles()).containsExactlyInAnyOrder(Role.APPROVER, Role.POSTER);
        assertThat(synced.departmentId()).isEqualTo(world.departmentB().id());
        assertThat(audit.find(AuditQuery.forSubject("STAFF", world.poster()))).extracting(AuditEntry::action)
                .containsExactly("STAFF_SYNCED_FROM_IDP", "STAFF_IDENTITY_LINKED");
        assertThat(audit.find(AuditQuery.forSubject("STAFF", world.poster())).getFirst().detail()).contains("APPROVER")
                .contains(world.departmentB().code());

        loginThroughProvider(PageSession.browser(port, clock), Map.of("preferred_username", world.poster(), "sub",
                subject, "groups", List.of("sns-approvers", "sns-posters"), "department", world.departmentB().code()));
        assertThat(audit.find(AuditQuery.forSubject("STAFF", world.poster()))).as("nothing changed, nothing audited")
                .hasSize(2);
    }

    @Test
    void unknownPeopleAndPeopleInNoMappedGroupAreRefusedWithAClearMessage() {
        World world = data.world();
        PageSession browser = PageSession.browser(port, clock);
        HttpResponse<String> unknown = loginThroughProvider(browser, Map.of("preferred_username",
                "stranger-" + TestData.unique(), "groups", List.of("sns-posters"), "department",
                world.departmentA().code()));
        assertThat(location(unknown)).endsWith("/login?oidc=unknown_user");
        assertThat(browser.get("/login?oidc=unknown_user").body()).contains("利用者として登録されていません");
        assertThat(location(browser.get("/"))).as("not signed in").endsWith("/login");

        HttpResponse<String> noGroup = loginThroughProvider(browser, Map.of("preferred_username", world.poster(),
                "groups", List.of("all-staff"), "department", world.departmentA().code()));
        assertThat(location(noGroup)).endsWith("/login?oidc=no_mapped_group");
        assertThat(browser.get("/login?oidc=no_mapped_group&lang=en").body()).contains("in no group that gives a role");

        HttpResponse<String> noDepartment = loginThroughProvider(browser, Map.of("preferred_username", world.poster(),
                "groups", List.of("sns-posters"), "department", "no-such-department"));
        assertThat(location(noDepartment)).endsWith("/login?oidc=unknown_department");
        assertThat(staff.byUsername(world.poster()).roles()).as("a refused login changes nothing")
                .containsExactly(Role.POSTER);
        assertThat(browser.get("/login?oidc=made-up&lang=ja").body()).contains("ログインに失敗しました");
    }

    @Test
    void anAdminComingThroughTheProviderStillOwesTheSecondFactor() {
        World world = data.world();
        PageSession browser = PageSession.browser(port, clock);
        HttpResponse<String> done = loginThroughProvider(browser, Map.of("preferred_username", world.admin(),
                "groups", List.of("sns-admins"), "department", world.departmentA().code()));
        assertThat(location(done)).endsWith("/login/totp/enrol");
        assertThat(location(browser.get("/admin/accounts"))).endsWith("/login/totp/enrol");
        browser.enrol();
        assertThat(browser.get("/admin/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void staffAreMatchedOnTheStoredIssuerAndSubjectNotOnTheUsernameClaim() {
        World world = data.world();
        String subject = "sub-" + TestData.unique();
        PageSession first = PageSession.browser(port, clock);
        assertThat(location(loginThroughProvider(first, Map.of("preferred_username", world.poster(), "sub", subject,
                "groups", List.of("sns-posters"), "department", world.departmentA().code())))).endsWith("/");

        HttpResponse<String> otherSubject = loginThroughProvider(PageSession.browser(port, clock),
                Map.of("preferred_username", world.poster(), "sub", "someone-else-" + TestData.unique(), "groups",
                        List.of("sns-posters"), "department", world.departmentA().code()));
        assertThat(location(otherSubject)).as("the username claim alone is not the person")
                .endsWith("/login?oidc=identity_mismatch");

        PageSession renamed = PageSession.browser(port, clock);
        HttpResponse<String> claimsAnotherName = loginThroughProvider(renamed, Map.of("preferred_username",
                world.approver(), "sub", subject, "groups", List.of("sns-posters"),
                "department", world.departmentA().code()));
        assertThat(location(claimsAnotherName)).endsWith("/");
        assertThat(renamed.get("/").body()).as("still the poster, whatever name the claim carries")
                .contains(world.poster()).doesNotContain(world.approver());
        assertThat(staff.byUsername(world.approver()).roles()).containsExactly(Role.APPROVER);
    }

    @Test
    void rolesFollowTheGroupsOnlyAfterTheSecondFactor() {
        World world = data.world();
        PageSession browser = PageSession.browser(port, clock);
        HttpResponse<String> done = loginThroughProvider(browser, Map.of("preferred_username", world.auditor(),
                "groups", List.of("sns-admins"), "department", world.departmentA().code()));

        assertThat(location(done)).as("the provider says ADMIN: the second factor first").endsWith("/login/totp/enrol");
        assertThat(staff.byUsername(world.auditor()).roles()).as("nothing synced yet").containsExactly(Role.AUDITOR);
        browser.enrol();
        assertThat(staff.byUsername(world.auditor()).roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void theProviderNeverMakesAnAdminADecider() {
        World world = data.world();
        HttpResponse<String> both = loginThroughProvider(PageSession.browser(port, clock), Map.of("preferred_username",
                world.approver(), "groups", List.of("sns-admins", "sns-approvers"),
                "department", world.departmentA().code()));

        assertThat(location(both)).endsWith("/login?oidc=role_conflict");
        assertThat(staff.byUsername(world.approver()).roles()).containsExactly(Role.APPROVER);
    }

    @Test
    void aCallbackWithAForgedStateIsRefused() {
        PageSession browser = PageSession.browser(port, clock);
        Map<String, String> request = query(URI.create(location(browser.get("/oauth2/authorization/city"))));
        IdentityProviderStub.shared().willIssue("forged", request.get("nonce"), Map.of("preferred_username", "x",
                "groups", List.of("sns-posters")));
        HttpResponse<String> forged = browser.get("/login/oauth2/code/city?code=forged&state=not-the-state");
        assertThat(location(forged)).contains("/login?oidc=");
        assertThat(location(browser.get("/"))).endsWith("/login");
    }

    /** Goes to the provider, and comes back from it with a code the provider will exchange for these claims. */
    private static HttpResponse<String> loginThroughProvider(PageSession browser, Map<String, Object> claims) {
        HttpResponse<String> toProvider = browser.get("/oauth2/authorization/city");
        URI authorize = URI.create(location(toProvider));
        assertThat(authorize.toString()).startsWith(IdentityProviderStub.shared().issuer() + "/authorize");
        Map<String, String> request = query(authorize);
        assertThat(request).containsEntry("client_id", IdentityProviderStub.CLIENT_ID).containsKey("nonce");
        String code = "code-" + TestData.unique();
        IdentityProviderStub.shared().willIssue(code, request.get("nonce"), claims);
        return browser.get("/login/oauth2/code/city?code=" + code + "&state="
                + URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
