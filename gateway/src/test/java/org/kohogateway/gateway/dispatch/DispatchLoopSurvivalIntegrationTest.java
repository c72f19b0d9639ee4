package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.HookedClock;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A dispatch loop hit by anything at all — an Error too — goes on claiming and sending, and says when it last began
 * a round, so an instance never stays up and ready while its loop is dead.
 */
class DispatchLoopSurvivalIntegrationTest extends IntegrationTest {

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    MeterRegistry registry;

    @Test
    void aLoopHitByAnErrorGoesOnSendingAndReportsItsLastClaimRound() {
        World world = data.world();
        AtomicInteger errorsToThrow = new AtomicInteger(3);
        Clock failing = new HookedClock(clock, () -> {
            if (Thread.currentThread().getName().equals("dispatcher") && errorsToThrow.getAndDecrement() > 0) {
                throw new AssertionError("injected into the dispatch loop");
            }
        });
        Dispatcher dispatcher = dispatchers.custom("survivor", null, null, failing);
        long before = System.currentTimeMillis() / 1000;
        Delivery delivery = data.approvedPost(world, "ループが倒れない", null, world.lineA()).deliveries().getFirst();

        dispatcher.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> sendLog.byIds(List.of(delivery.id())).getFirst()
                    .status() == DeliveryStatus.SENT);
        } finally {
            dispatcher.stop();
        }

        assertThat(errorsToThrow.get()).as("every injected error was thrown").isNegative();
        assertThat(registry.get("gateway.dispatch.last.claim.round").gauge().value()).isGreaterThanOrEqualTo(before);
    }
}
