package org.kohogateway.gateway.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.testing.PageSession.location;

import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin's reset of someone's password or second factor ends the sessions that person had open — but for the one
 * an admin resets their own password from.
 */
class ResetEndsSessionsIntegrationTest extends IntegrationTest {

    private static final String NEW_PASSWORD = "a-new-password-for-today";

    @Autowired
    StaffDirectory staff;

    @Test
    void aPasswordResetSendsASessionOpenedBeforeItBackToTheLogin() {
        String n = TestData.unique();
        Department department = staff.addDepartment("reset-" + n, "情報政策課 " + n, false);
        Staff poster = staff.addStaff("poster-" + n, "poster-" + n, TestData.PASSWORD, department.id(),
                Set.of(Role.POSTER));
        String admin = staff.addStaff("admin-" + n, "admin-" + n, TestData.PASSWORD, department.id(),
                Set.of(Role.ADMIN)).username();
        PageSession before = PageSession.browser(port, clock);
        assertThat(location(before.postLogin(poster.username(), TestData.PASSWORD))).doesNotContain("/login");
        assertThat(before.get("/").statusCode()).isEqualTo(200);

        assertThat(api(admin).post("/api/staff/" + poster.id() + "/password",
                "{\"password\":\"" + NEW_PASSWORD + "\"}").status()).isEqualTo(204);

        assertThat(location(before.get("/"))).as("the session from before the reset").endsWith("/login");
        PageSession after = PageSession.browser(port, clock);
        assertThat(location(after.postLogin(poster.username(), NEW_PASSWORD))).doesNotContain("/login");
        assertThat(after.get("/").statusCode()).as("a login with the new password stays").isEqualTo(200);
        assertThat(after.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aSecondFactorResetSendsASessionOpenedBeforeItBackToTheLogin() {
        String n = TestData.unique();
        Department department = staff.addDepartment("reset-" + n, "情報政策課 " + n, false);
        String poster = staff.addStaff("poster-" + n, "poster-" + n, TestData.PASSWORD, department.id(),
                Set.of(Role.POSTER)).username();
        String admin = staff.addStaff("admin-" + n, "admin-" + n, TestData.PASSWORD, department.id(),
                Set.of(Role.ADMIN)).username();
        PageSession before = PageSession.browser(port, clock);
        assertThat(location(before.postLogin(poster, TestData.PASSWORD))).doesNotContain("/login");
        before.enrol();
        assertThat(before.get("/").statusCode()).isEqualTo(200);

        assertThat(api(admin).send("DELETE", "/api/staff/" + poster + "/totp", null).status()).isEqualTo(204);

        assertThat(location(before.get("/"))).as("the session from before the reset").endsWith("/login");
        PageSession after = PageSession.browser(port, clock);
        assertThat(location(after.postLogin(poster, TestData.PASSWORD))).doesNotContain("/login");
        assertThat(after.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminWhoResetsTheirOwnPasswordKeepsThatSessionAndLosesTheirOthers() {
        String n = TestData.unique();
        Department department = staff.addDepartment("reset-" + n, "情報政策課 " + n, false);
        Staff admin = staff.addStaff("admin-" + n, "admin-" + n, TestData.PASSWORD, department.id(),
                Set.of(Role.ADMIN));
        PageSession acting = PageSession.login(port, admin.username(), TestData.PASSWORD);
        PageSession elsewhere = PageSession.login(port, admin.username(), TestData.PASSWORD);

        HttpResponse<String> done = acting.submit("/admin/staff/" + admin.id(),
                "/admin/staff/" + admin.id() + "/password", "password=" + PageSession.enc(NEW_PASSWORD));

        assertThat(done.statusCode()).as("the member page after the reset").isEqualTo(200);
        assertThat(acting.get("/").statusCode()).isEqualTo(200);
        assertThat(location(elsewhere.get("/"))).as("the admin's other session").endsWith("/login");
    }
}
