package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** Only the policy's operators, and the PR department for its own accounts, post to an account (§2). */
class AccountOperatorsIntegrationTest extends IntegrationTest {

    @Autowired
    AccountWorkflow accounts;

    @Test
    void aPolicyNamesAtLeastOneOperator() {
        World world = data.world();

        assertThatThrownBy(() -> accounts.draft(world.poster(), Platform.LINE, world.departmentA().id(),
                policy(world, List.of()))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void onlyTheOperatorsTheAccountsPolicyNamesPostToIt() {
        World world = data.world();
        OfficialAccount account = accounts.draft(world.poster(), Platform.LINE, world.departmentA().id(),
                policy(world, List.of(world.poster())));
        accounts.submit(world.poster(), account.id());
        accounts.approveAsDepartment(world.approver(), account.id(), "ok");
        assertThat(accounts.approveAsPr(world.pr2(), account.id(), "ok").status()).isEqualTo(AccountStatus.ACTIVE);

        assertThat(data.draft(world.poster(), "運営者の投稿", null, account).status()).isEqualTo(PostStatus.DRAFT);
        assertThatThrownBy(() -> data.draft(world.both(), "同じ課の別の投稿者", null, account))
                .as("a poster of the department the policy does not name").isInstanceOf(NotPermittedException.class);
    }

    @Test
    void aPrOfficerPostsToThePrDepartmentsOwnAccountsNotToAnotherDepartments() {
        World world = data.world();

        assertThat(data.draft(world.pr(), "市の LINE へ", null, world.cityLine()).status()).isEqualTo(PostStatus.DRAFT);
        assertThatThrownBy(() -> data.draft(world.pr(), "観光課の LINE へ", null, world.lineA()))
                .isInstanceOf(NotPermittedException.class);
    }

    @Test
    void theComposePageOffersOnlyTheAccountsOneOperates() {
        World world = data.world();

        String page = PageSession.login(port, world.pr(), TestData.PASSWORD).page("/compose");

        assertThat(page).contains(world.cityLine().name()).doesNotContain(world.lineA().name());
    }

    private static PolicyDraft policy(World world, List<String> operators) {
        String name = "運営者 LINE " + TestData.unique();
        return new PolicyDraft(name, "https://line.me/R/ti/p/@" + Math.abs(name.hashCode()), "観光情報の発信",
                world.approver(), operators, true, ReplyPolicy.NO_REPLIES, "", "", "");
    }
}
