package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.notification.NotificationSettings;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostAwaitingApproval;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class EventRetriesIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    DataSource dataSource;

    @Autowired
    NotificationSettings settings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailedEventPublications failed;

    @Autowired
    OneInstance oneInstance;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aNotificationThatFailedWhileTheOutboxWasLockedIsWrittenByTheNextRetry() throws Exception {
        World world = data.world();
        settings.changeAddress(world.admin(), world.approver(), world.approver() + "@city.example.jp");
        Post post = data.draft(world.poster(), "再試行で通知が書かれる投稿", null, world.lineA());
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table notification in exclusive mode");
            workflow.submit(world.poster(), post.id());
            awaitFailed(post.id().toString());
            blocker.rollback();
        }
        assertThat(notificationsAbout(post)).isZero();

        retries(5).retryFailed();
        awaitReactions();

        assertThat(notificationsAbout(post)).as("the approvers' mails").isPositive();
        assertThat(publications(post.id().toString())).as("done, so no longer kept").isEmpty();
    }

    @Test
    void aReactionThatKeepsFailingIsTriedAsOftenAsConfiguredThenLeftFailed() {
        PostId missing = PostId.random();
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
                new PostAwaitingApproval(missing, 1, ApprovalRoute.DEPARTMENT, 1)));
        awaitFailed(missing.toString());

        EventRetries twoAttempts = retries(2);
        twoAttempts.retryFailed();
        awaitFailed(missing.toString());
        twoAttempts.retryFailed();
        awaitReactions();

        assertThat(publications(missing.toString())).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("FAILED");
            assertThat(row.get("completion_attempts")).isEqualTo(2);
        });
    }

    private EventRetries retries(int maxAttempts) {
        return new EventRetries(failed, oneInstance, new EventProperties(Duration.ZERO, maxAttempts));
    }

    private void awaitFailed(String about) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> publications(about).stream()
                .allMatch(row -> "FAILED".equals(row.get("status"))) && !publications(about).isEmpty());
    }

    private List<Map<String, Object>> publications(String about) {
        return jdbc.sql("select status, completion_attempts from event_publication where serialized_event like :about")
                .param("about", "%" + about + "%").query().listOfRows();
    }

    private long notificationsAbout(Post post) {
        return jdbc.sql("select count(*) from notification where kind = 'APPROVAL_WAITING' and body like :post")
                .param("post", "%" + post.id() + "%").query(Long.class).single();
    }
}
