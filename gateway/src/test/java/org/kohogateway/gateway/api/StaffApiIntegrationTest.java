package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;

import tools.jackson.databind.JsonNode;

class StaffApiIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Test
    void adminsManageStaffAndDepartmentsOverTheApi() {
        World world = data.world();
        Api admin = api(world.admin());
        String code = "api-" + TestData.unique();
        Api.Response department = admin.post("/api/departments", Api.json(Map.of("code", code, "name", "API課")));
        assertThat(department.status()).as(department.body()).isEqualTo(201);
        long departmentId = department.json().get("id").asLong();
        assertThat(admin.get("/api/departments").body()).contains(code);

        String username = "api-user-" + TestData.unique();
        Api.Response created = admin.post("/api/staff", Api.json(Map.of("username", username, "displayName", "API 花子",
                "departmentId", departmentId, "roles", new String[] {"POSTER"}, "password", PASSWORD)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(PASSWORD);
        long id = created.json().get("id").asLong();
        assertThat(new Api(port, username, PASSWORD).get("/api/me").status()).isEqualTo(200);

        JsonNode changed = admin.put("/api/staff/" + id + "/roles", "{\"roles\":[\"POSTER\",\"AUDITOR\",\"APPROVER\"]}")
                .json();
        assertThat(changed.get("roles").toString()).contains("AUDITOR").contains("POSTER").doesNotContain("APPROVER");
        assertThat(changed.get("pendingRoles").toString()).as("a second person confirms").contains("APPROVER");
        assertThat(admin.put("/api/staff/" + id + "/enabled", "{\"enabled\":false}").json().get("enabled").asBoolean())
                .isFalse();
        assertThat(new Api(port, username, PASSWORD).get("/api/me").status()).isEqualTo(401);
        assertThat(admin.get("/api/staff?q=" + username).json().get(0).get("enabled").asBoolean()).isFalse();
        assertThat(admin.post("/api/staff/" + id + "/password", "{\"password\":\"another-good-one\"}").status())
                .isEqualTo(204);
        assertThat(api(world.auditor()).get("/api/audit?subjectType=STAFF&subjectId=" + id).body())
                .contains("STAFF_CREATED").contains("STAFF_ROLES_CHANGED").contains("ROLE_GRANT_REQUESTED")
                .contains("STAFF_DISABLED")
                .contains("STAFF_PASSWORD_RESET").doesNotContain(PASSWORD).doesNotContain("another-good-one");
    }

    @Test
    void refusalsAreProblemDetails() {
        World world = data.world();
        Api admin = api(world.admin());
        long adminId = admin.get("/api/staff?q=" + world.admin()).json().get(0).get("id").asLong();
        String department = "\"departmentId\":" + world.departmentA().id();

        assertProblem(api(world.poster()).get("/api/staff"), 403);
        assertProblem(api(world.pr()).post("/api/departments", "{\"code\":\"x\",\"name\":\"y\"}"), 403);
        assertProblem(anonymous().get("/api/departments"), 401);
        assertRefusal(admin.post("/api/staff", "{\"username\":\"" + world.poster() + "\",\"displayName\":\"x\","
                + department + ",\"roles\":[\"POSTER\"],\"password\":\"" + PASSWORD + "\"}"), 409,
                "staff.usernameTaken");
        assertRefusal(admin.post("/api/staff", "{\"username\":\"u-" + TestData.unique() + "\",\"displayName\":\"x\","
                + "\"departmentId\":999999999,\"roles\":[\"POSTER\"],\"password\":\"" + PASSWORD + "\"}"), 400,
                "staff.unknownDepartment");
        assertRefusal(admin.post("/api/staff", "{\"username\":\"u-" + TestData.unique() + "\",\"displayName\":\"x\","
                + department + ",\"roles\":[],\"password\":\"" + PASSWORD + "\"}"), 400, "staff.rolesRequired");
        assertRefusal(admin.post("/api/staff", "{\"username\":\"u-" + TestData.unique() + "\",\"displayName\":\"x\","
                + department + ",\"roles\":[\"POSTER\"],\"password\":\"short\"}"), 400, "staff.passwordTooShort");
        assertProblem(admin.post("/api/staff", "{\"roles\":[\"ROOT\"]}"), 400);
        assertProblem(admin.post("/api/staff", "not json"), 400);
        assertRefusal(admin.post("/api/departments", "{\"code\":\"" + world.departmentA().code() + "\",\"name\":\"y\"}"),
                409, "department.codeTaken");
        assertRefusal(admin.put("/api/staff/" + adminId + "/roles", "{\"roles\":[\"AUDITOR\"]}"), 403,
                "staff.ownRoles");
        assertRefusal(admin.put("/api/staff/" + adminId + "/enabled", "{\"enabled\":false}"), 400,
                "staff.disableSelf");
        assertRefusal(admin.put("/api/staff/" + adminId + "/enabled", "{}"), 400, "staff.enabledRequired");
        assertRefusal(admin.get("/api/staff/999999999"), 404, "staff.notFound");
        assertThat(admin.send("GET", "/api/staff/999999999", null, "application/json", "en").json().get("detail")
                .asString()).contains("999999999");
    }
}
