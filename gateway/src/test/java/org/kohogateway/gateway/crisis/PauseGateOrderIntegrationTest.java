package org.kohogateway.gateway.crisis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The gate and a pause are ordered by the gate rows even while the pause is in the middle of its transaction: a
 * delivery that reaches the gate after the pause updated its account's row, but before the pause committed, waits for
 * the pause and is held, rather than reading the row as it was and starting its request after the pause returned.
 */
class PauseGateOrderIntegrationTest extends IntegrationTest {

    @Autowired
    Pauses pauses;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    DataSource dataSource;

    @Autowired
    SendLog sendLog;

    @Test
    void theGateWaitsForAPauseThatHasNotCommittedYetAndHoldsTheDelivery() throws Exception {
        World world = data.world();
        Delivery delivery = data.approvedPost(world, "一時停止と同時に門へ", null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery claimed = dispatchers.claimOnly(delivery.id(), "gate-order", Duration.ofMinutes(2));
        CompletableFuture<List<ClaimedDelivery>> entered;
        try (Connection pausing = dataSource.getConnection()) {
            pausing.setAutoCommit(false);
            pause(pausing, claimed.accountId());

            entered = CompletableFuture.supplyAsync(() -> pauses.enter(List.of(claimed), "gate-order"));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> !entered.isDone());

            pausing.commit();
        }
        assertThat(entered.get(10, TimeUnit.SECONDS)).as("the pause came first: the request may not start").isEmpty();
        assertThat(sendLog.byIds(List.of(delivery.id())).getFirst().status()).isEqualTo(DeliveryStatus.HELD);
    }

    /** What {@link Pauses#pause} writes to the gate row, in a transaction left open. */
    private static void pause(Connection connection, long accountId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update dispatch_gate set paused = true, reason = 'test: a pause in its transaction', paused_by = 'test',
                    paused_at = now()
                where account_id = ?
                """)) {
            update.setLong(1, accountId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
