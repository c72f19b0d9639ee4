package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The API's reads follow the pages' need-to-know rule (§1): a department's posts are its own, and PR's and audit's. */
class ReadVisibilityIntegrationTest extends IntegrationTest {

    @Autowired
    StaffDirectory staff;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AccountWorkflow accountWorkflow;

    @Test
    void aPosterOfAnotherDepartmentNeitherListsNorReadsTheDepartmentsPostsAndDeliveries() {
        World world = data.world();
        String posterB = posterOf(world.departmentB());
        Post post = data.approvedPost(world, "観光のお知らせ", null, world.lineA());
        String delivery = post.deliveries().getFirst().id().toString();

        Api outsider = api(posterB);
        assertThat(ids(outsider.get("/api/posts?limit=1000").json())).doesNotContain(post.id().toString());
        assertThat(outsider.get("/api/posts/" + post.id()).status()).as("not 403: its existence does not leak")
                .isEqualTo(404);
        assertThat(ids(outsider.get("/api/deliveries?limit=1000").json())).doesNotContain(delivery);

        Api colleague = api(world.poster());
        assertThat(ids(colleague.get("/api/posts?limit=1000").json())).contains(post.id().toString());
        assertThat(colleague.get("/api/posts/" + post.id()).status()).isEqualTo(200);
        assertThat(ids(colleague.get("/api/deliveries?limit=1000").json())).contains(delivery);
    }

    @Test
    void anAuditorReadsEveryDepartmentsPostsAndDeliveries() {
        World world = data.world();
        Post post = data.draft(posterOf(world.departmentB()), "防災のお知らせ", null, world.lineB());
        Api auditor = api(world.auditor());

        assertThat(ids(auditor.get("/api/posts?limit=1000").json())).contains(post.id().toString());
        assertThat(auditor.get("/api/posts/" + post.id()).status()).isEqualTo(200);
        assertThat(ids(auditor.get("/api/deliveries?limit=1000").json()))
                .contains(post.deliveries().getFirst().id().toString());
    }

    @Test
    void aTokenLimitedToSomeAccountsReadsOnlyThoseAccountsPostsAndDeliveries() {
        World world = data.world();
        Post inScope = data.approvedPost(world, "範囲内", null, world.lineA());
        Post outOfScope = data.approvedPost(world, "範囲外", null, world.lineA2());
        Api token = Api.withToken(port, tokens.issue(world.auditor(), new ApiTokens.NewToken("監査 lineA", null, Set.of(Role.AUDITOR),
                List.of(world.lineA().id()), clock.instant().plus(Duration.ofDays(1)), false), false).secret());

        List<String> deliveries = ids(token.get("/api/deliveries?limit=1000").json());
        assertThat(deliveries).contains(inScope.deliveries().getFirst().id().toString())
                .doesNotContain(outOfScope.deliveries().getFirst().id().toString());
        assertThat(ids(token.get("/api/posts?limit=1000").json())).contains(inScope.id().toString())
                .doesNotContain(outOfScope.id().toString());
        assertThat(token.get("/api/posts/" + outOfScope.id()).status()).isEqualTo(404);
    }

    @Test
    void anAccountRequestIsItsDepartmentsAndAQuotaIsReadByItsDepartmentOnly() {
        World world = data.world();
        String name = "開設申請 LINE " + TestData.unique();
        OfficialAccount draft = accountWorkflow.draft(world.poster(), Platform.LINE, world.departmentA().id(),
                new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()), "観光情報の発信",
                        world.approver(), List.of(world.poster()), true, ReplyPolicy.NO_REPLIES, "", "", ""));
        Api outsider = api(posterOf(world.departmentB()));

        assertThat(ids(outsider.get("/api/accounts").json())).doesNotContain(String.valueOf(draft.id()))
                .as("an account in service is on the public list anyway").contains(String.valueOf(world.lineA().id()));
        assertThat(outsider.get("/api/accounts/" + draft.id()).status()).isEqualTo(404);
        assertThat(outsider.get("/api/accounts/" + draft.id() + "/policy/versions").status()).isEqualTo(404);
        assertThat(outsider.get("/api/accounts/" + world.lineA().id() + "/quota").status()).isEqualTo(404);

        Api colleague = api(world.poster());
        assertThat(ids(colleague.get("/api/accounts").json())).contains(String.valueOf(draft.id()));
        assertThat(colleague.get("/api/accounts/" + draft.id()).status()).isEqualTo(200);
        assertThat(api(world.auditor()).get("/api/accounts/" + world.lineB().id() + "/quota").status()).isEqualTo(200);

        Api token = Api.withToken(port, tokens.issue(world.auditor(), new ApiTokens.NewToken("監査 lineA", null, Set.of(Role.AUDITOR),
                List.of(world.lineA().id()), clock.instant().plus(Duration.ofDays(1)), false), false).secret());
        assertThat(ids(token.get("/api/accounts").json())).containsExactly(String.valueOf(world.lineA().id()));
        assertThat(token.get("/api/accounts/" + world.lineA2().id() + "/quota").status()).isEqualTo(404);
    }

    @Test
    void anIncidentOfAnAccountIsReadByItsDepartmentNotByAnother() {
        World world = data.world();
        var reported = api(world.pr()).post("/api/incidents", Api.json(java.util.Map.of("kind", "IMPERSONATION",
                "accountId", world.lineA().id(), "summary", "観光 LINE のなりすまし")));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        String id = reported.json().get("id").asString();

        Api outsider = api(posterOf(world.departmentB()));
        assertThat(ids(outsider.get("/api/incidents").json())).doesNotContain(id);
        assertThat(outsider.get("/api/incidents/" + id).status()).isEqualTo(404);
        assertThat(ids(api(world.poster()).get("/api/incidents").json())).contains(id);
        assertThat(api(world.auditor()).get("/api/incidents/" + id).status()).isEqualTo(200);
        Api token = Api.withToken(port, tokens.issue(world.auditor(), new ApiTokens.NewToken("監査 lineA2", null, Set.of(Role.AUDITOR),
                List.of(world.lineA2().id()), clock.instant().plus(Duration.ofDays(1)), false), false).secret());
        assertThat(token.get("/api/incidents/" + id).status()).isEqualTo(404);
    }

    private String posterOf(Department department) {
        String username = "poster-" + TestData.unique();
        staff.addStaff(username, username, TestData.PASSWORD, department.id(), Set.of(Role.POSTER));
        return username;
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
