package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PR review is the PR department's (§1): PR_OFFICER is held, and counts, only in the department marked as PR. */
class PrOfficersIntegrationTest extends IntegrationTest {

    @Autowired
    StaffDirectory staff;

    @Autowired
    PostWorkflow posts;

    @Autowired
    AccountWorkflow accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void prOfficerIsNotGrantedOutsideThePrDepartment() {
        World world = data.world();
        String username = "pr-elsewhere-" + TestData.unique();

        assertThatThrownBy(() -> staff.addStaff(username, username, TestData.PASSWORD, world.departmentA().id(),
                EnumSet.of(Role.PR_OFFICER))).isInstanceOf(InvalidRequestException.class);
        Staff poster = staff.byUsername(world.poster());
        assertThatThrownBy(() -> staff.replaceRoles(poster.id(), EnumSet.of(Role.POSTER, Role.PR_OFFICER)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(staff.byUsername(world.poster()).roles()).containsExactly(Role.POSTER);
    }

    @Test
    void aPrOfficerRoleLeftOutsideThePrDepartmentDecidesNothing() {
        World world = data.world();
        // as it would stand after a move out of the PR department, or a department losing its PR mark
        String stray = "pr-stray-" + TestData.unique();
        Staff strayStaff = staff.addStaff(stray, stray, TestData.PASSWORD, world.departmentB().id(), Set.of(Role.POSTER));
        jdbc.sql("insert into staff_role (staff_id, role) values (:id, 'PR_OFFICER')").param("id", strayStaff.id())
                .update();
        Post waiving = data.draft(world.poster(), "承認不要アカウントへ", null, world.lineAFree());
        posts.submit(world.poster(), waiving.id());

        assertThat(staff.byUsername(stray).has(Role.PR_OFFICER)).isFalse();
        assertThatThrownBy(() -> posts.approve(stray, waiving.id(), "ok", Set.of(), waiving.contentHash()))
                .isInstanceOf(NotPermittedException.class);

        String name = "審査 LINE " + TestData.unique();
        OfficialAccount account = accounts.draft(world.poster(), Platform.LINE, world.departmentA().id(),
                new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()), "観光情報の発信",
                        world.approver(), List.of(world.poster()), true, ReplyPolicy.NO_REPLIES, "", "", ""));
        accounts.submit(world.poster(), account.id());
        accounts.approveAsDepartment(world.approver(), account.id(), "ok");
        assertThatThrownBy(() -> accounts.approveAsPr(stray, account.id(), "ok"))
                .isInstanceOf(NotPermittedException.class);
    }
}
