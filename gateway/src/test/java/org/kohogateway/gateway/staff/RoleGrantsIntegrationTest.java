package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.gateway.api.Problems.assertProblem;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * An admin administers and does not decide posts: ADMIN never joins APPROVER or PR_OFFICER, nobody changes their own
 * roles, and a grant of a deciding or administering role takes effect only when a second person confirms it.
 */
class RoleGrantsIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Autowired
    StaffDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminIsNeverCombinedWithApproverOrPrOfficerAtCreationOrGrant() {
        World world = data.world();
        Api admin = api(world.admin());
        for (String roles : new String[] {"\"ADMIN\",\"APPROVER\"", "\"ADMIN\",\"PR_OFFICER\""}) {
            assertRefusal(admin.post("/api/staff", "{\"username\":\"u-" + TestData.unique() + "\",\"displayName\":\"x\","
                    + "\"departmentId\":" + world.departmentA().id() + ",\"roles\":[" + roles + "],\"password\":\""
                    + PASSWORD + "\"}"), 400, "staff.adminNotDecider");
        }
        assertRefusal(admin.put("/api/staff/" + id(world, world.approver()) + "/roles",
                "{\"roles\":[\"APPROVER\",\"ADMIN\"]}"), 400, "staff.adminNotDecider");
        assertThat(directory.byUsername(world.approver()).roles()).containsExactly(Role.APPROVER);
    }

    @Test
    void nobodyChangesTheirOwnRoles() {
        World world = data.world();
        Api admin = api(world.admin());
        assertRefusal(admin.put("/api/staff/" + id(world, world.admin()) + "/roles",
                "{\"roles\":[\"ADMIN\",\"AUDITOR\"]}"), 403, "staff.ownRoles");
        assertThat(directory.byUsername(world.admin()).roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void aGrantOfApproverTakesEffectOnlyWhenAPrOfficerConfirmsItAndThePersonIsTold() {
        World world = data.world();
        Api admin = api(world.admin());
        long poster = id(world, world.poster());
        directory.changeEmail(world.poster(), world.poster() + "@city.example.jp");

        JsonNode changed = admin.put("/api/staff/" + poster + "/roles", "{\"roles\":[\"POSTER\",\"APPROVER\"]}").json();

        assertThat(changed.get("roles").toString()).doesNotContain("APPROVER");
        assertThat(changed.get("pendingRoles").toString()).contains("APPROVER");
        assertThat(directory.byUsername(world.poster()).roles()).containsExactly(Role.POSTER);
        long grant = pendingGrant(api(world.pr()), world.poster());
        assertRefusal(admin.post("/api/staff/grants/" + grant + "/confirm", null), 403, "staff.grantOwnRequest");
        assertThat(api(world.poster()).post("/api/staff/grants/" + grant + "/confirm", null).status()).isEqualTo(403);

        var confirmed = api(world.pr()).post("/api/staff/grants/" + grant + "/confirm", null);

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(directory.byUsername(world.poster()).roles()).containsExactlyInAnyOrder(Role.POSTER, Role.APPROVER);
        String trail = api(world.auditor()).get("/api/audit?subjectType=STAFF&subjectId=" + poster).body();
        assertThat(trail).contains("ROLE_GRANT_REQUESTED").contains("ROLE_GRANT_CONFIRMED").contains(world.pr());
        awaitReactions();
        assertThat(jdbc.sql("select count(*) from notification where kind = 'ROLE_GRANT' and staff_id = :id")
                .param("id", poster).query(Long.class).single()).as("requested, then confirmed").isEqualTo(2);
    }

    @Test
    void aRequestedGrantIsToldToThoseWhoMayConfirmItNeverToTheRequester() {
        World world = data.world();
        String admin2 = "admin2-" + TestData.unique();
        directory.addStaff(admin2, admin2, TestData.PASSWORD, world.departmentA().id(), java.util.Set.of(Role.ADMIN));
        String outsider = "pr-outside-" + TestData.unique();
        var moved = directory.addStaff(outsider, outsider, TestData.PASSWORD,
                directory.byUsername(world.pr()).departmentId(), java.util.Set.of(Role.PR_OFFICER));
        directory.moveToDepartment(moved.id(), world.departmentA().id());
        for (String person : List.of(world.admin(), admin2, world.pr(), world.pr2(), world.approver(), outsider,
                world.auditor())) {
            directory.changeEmail(person, person + "@city.example.jp");
        }

        api(world.admin()).put("/api/staff/" + id(world, world.auditor()) + "/roles",
                "{\"roles\":[\"AUDITOR\",\"ADMIN\"]}");
        awaitReactions();

        List<String> told = jdbc.sql("select s.username from notification n join staff s on s.id = n.staff_id"
                + " where n.kind = 'ROLE_GRANT' and s.username in (:people)")
                .param("people", List.of(world.admin(), admin2, world.pr(), world.pr2(), world.approver(), outsider,
                        world.auditor()))
                .query(String.class).list();
        assertThat(told).as("the person concerned, the other admin and the PR department's officers")
                .containsExactlyInAnyOrder(world.auditor(), admin2, world.pr(), world.pr2());
    }

    @Test
    void aGrantOfAdminIsConfirmedOnlyByAnotherAdminOrAPrOfficerOfThePrDepartmentAndARefusalChangesNothing() {
        World world = data.world();
        Api admin = api(world.admin());
        long auditor = id(world, world.auditor());
        String outsider = "pr-outside-" + TestData.unique();
        // a PR officer who has since moved out of the PR department: the leftover role no longer counts
        var moved = directory.addStaff(outsider, outsider, TestData.PASSWORD,
                directory.byUsername(world.pr()).departmentId(), java.util.Set.of(Role.PR_OFFICER));
        directory.moveToDepartment(moved.id(), world.departmentA().id());
        admin.put("/api/staff/" + auditor + "/roles", "{\"roles\":[\"AUDITOR\",\"ADMIN\"]}");
        long grant = pendingGrant(admin, world.auditor());

        assertRefusal(api(outsider).post("/api/staff/grants/" + grant + "/confirm", null), 403,
                "staff.grantDecider");
        assertProblem(api(world.auditor()).post("/api/staff/grants/" + grant + "/confirm", null), 403);
        assertThat(api(world.pr()).post("/api/staff/grants/" + grant + "/refuse", null).status()).isEqualTo(200);

        assertThat(directory.byUsername(world.auditor()).roles()).containsExactly(Role.AUDITOR);
        assertRefusal(api(world.pr2()).post("/api/staff/grants/" + grant + "/confirm", null), 409,
                "staff.grantDecided");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=STAFF&subjectId=" + auditor).body())
                .contains("ROLE_GRANT_REFUSED");
    }

    @Test
    void nobodyConfirmsAGrantToThemselves() {
        World world = data.world();
        Api admin = api(world.admin());
        admin.put("/api/staff/" + id(world, world.pr2()) + "/roles", "{\"roles\":[\"PR_OFFICER\",\"APPROVER\"]}");
        long grant = pendingGrant(admin, world.pr2());

        assertRefusal(api(world.pr2()).post("/api/staff/grants/" + grant + "/confirm", null), 403,
                "staff.grantForSelf");
        assertThat(directory.byUsername(world.pr2()).roles()).containsExactly(Role.PR_OFFICER);
    }

    @Test
    void removingARoleOrAddingAHarmlessOneTakesEffectAtOnce() {
        World world = data.world();
        Api admin = api(world.admin());

        JsonNode changed = admin.put("/api/staff/" + id(world, world.both()) + "/roles",
                "{\"roles\":[\"POSTER\",\"AUDITOR\"]}").json();

        assertThat(directory.byUsername(world.both()).roles()).containsExactlyInAnyOrder(Role.POSTER, Role.AUDITOR);
        assertThat(changed.get("pendingRoles").isEmpty()).isTrue();
    }

    @Test
    void staffCreatedAsApproverWaitForTheGrant() {
        World world = data.world();
        String username = "new-approver-" + TestData.unique();

        JsonNode created = api(world.admin()).post("/api/staff", Api.json(Map.of("username", username,
                "displayName", "承認 太郎", "departmentId", world.departmentA().id(), "roles",
                List.of("POSTER", "APPROVER"), "password", PASSWORD))).json();

        assertThat(directory.byUsername(username).roles()).containsExactly(Role.POSTER);
        assertThat(created.get("pendingRoles").toString()).contains("APPROVER");
        long grant = pendingGrant(api(world.pr()), username);
        assertThat(api(world.pr()).post("/api/staff/grants/" + grant + "/confirm", null).status()).isEqualTo(200);
        assertThat(directory.byUsername(username).roles()).containsExactlyInAnyOrder(Role.POSTER, Role.APPROVER);
    }

    private long id(World world, String username) {
        return api(world.admin()).get("/api/staff?q=" + username).json().get(0).get("id").asLong();
    }

    private static long pendingGrant(Api api, String username) {
        List<Long> ids = new ArrayList<>();
        api.get("/api/staff/grants").json().forEach(g -> {
            if (g.get("username").asString().equals(username)) {
                ids.add(g.get("id").asLong());
            }
        });
        assertThat(ids).as("pending grants of " + username).hasSize(1);
        return ids.get(0);
    }
}
