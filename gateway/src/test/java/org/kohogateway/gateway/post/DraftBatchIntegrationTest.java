package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many posts of one author checked once and drafted together (the CSV import's chunk): a submit stands on the batch's
 * check, which still blocks what the rules block, and nothing is written when what the batch read changed meanwhile.
 */
class DraftBatchIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSubmitStandsOnTheBatchsCheckWhichStillRefusesABlockedPost() {
        World world = data.world();
        DraftBatch batch = workflow.batch(world.poster(), List.of(world.lineA().id()));

        DraftBatch.Checked good = batch.check(request("一括で登録する良い投稿です。", List.of(), world.lineA().id()));
        Post submitted = batch.draft(good, true);
        DraftBatch.Checked shortened = batch.check(request("短縮URLの投稿です。",
                List.of(URI.create("https://bit.ly/abc")), world.lineA().id()));

        assertThat(shortened.blocking()).extracting(Finding::rule).contains(RuleId.URL_SHORTENER);
        assertThatThrownBy(() -> batch.draft(shortened, true)).as("the submit reuses the findings that block it")
                .isInstanceOf(PolicyViolationException.class);
        assertThat(inTransaction(() -> workflow.saveAll(batch))).isTrue();

        Post stored = workflow.get(submitted.id());
        assertThat(stored.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(stored.deliveries()).hasSize(1);
        assertThat(workflow.findings(stored)).as("the workflow's own check agrees with the batch's")
                .noneMatch(f -> f.severity() == Severity.BLOCK);
        assertThat(jdbc.sql("select action from audit_entry where subject_id = :id and actor = :actor order by id")
                .param("id", submitted.id().toString()).param("actor", world.poster()).query(String.class).list())
                .containsExactly("POST_CREATED", "POST_SUBMITTED");
    }

    @Test
    void writesNothingWhenAnAccountChangedAfterTheBatchReadItAndTheNextBatchSeesTheChange() {
        World world = data.world();
        DraftBatch batch = workflow.batch(world.poster(), List.of(world.lineA().id()));
        NewPost request = request("読んだ後で閉じられるアカウントへ。", List.of(), world.lineA().id());
        Post drafted = batch.draft(batch.check(request), true);

        // another transaction names another operator, as the account aggregate saves a policy: its version counted up
        jdbc.sql("insert into account_operator (account_id, staff_id) select :id, id from staff where username = :u")
                .param("id", world.lineA().id()).param("u", world.both()).update();
        jdbc.sql("update official_account set version = version + 1 where id = :id").param("id", world.lineA().id())
                .update();

        assertThat(inTransaction(() -> workflow.saveAll(batch))).isFalse();
        assertThat(jdbc.sql("select count(*) from post where id = :id").param("id", drafted.id().value())
                .query(Integer.class).single()).isZero();
        DraftBatch again = workflow.batch(world.poster(), List.of(world.lineA().id()));
        assertThatThrownBy(() -> again.check(request)).isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("operators");
    }

    @Test
    void aRequestIsDraftedOnlyInTheBatchThatCheckedIt() {
        World world = data.world();
        DraftBatch first = workflow.batch(world.poster(), List.of(world.lineA().id()));
        DraftBatch second = workflow.batch(world.poster(), List.of(world.lineA().id()));
        DraftBatch.Checked checked = first.check(request("別の一括で確認した投稿。", List.of(), world.lineA().id()));

        assertThatThrownBy(() -> second.draft(checked, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostThatOnlyCreatingRefusesIsRefusedByTheBatchsDraft() {
        World world = data.world();
        DraftBatch batch = workflow.batch(world.poster(), List.of(world.lineA().id(), world.lineAFree().id()));
        DraftBatch.Checked mixed = batch.check(request("承認の経路が違う二つのアカウントへ。", List.of(), world.lineA().id(),
                world.lineAFree().id()));

        assertThat(mixed.blocking()).isEmpty();
        assertThatThrownBy(() -> batch.draft(mixed, false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("approval routes");
    }

    private static NewPost request(String text, List<URI> links, Long... accountIds) {
        return NewPost.of(text, links, PostCategory.NOTICE, List.of(accountIds), null);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }
}
