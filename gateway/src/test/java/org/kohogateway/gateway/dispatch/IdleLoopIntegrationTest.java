package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.HookedClock;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A loop whose claim found nothing sleeps until the next delivery falls due, not a whole poll interval: a delivery
 * due just after an empty claim goes out on time (issue 20, the due lag's median).
 */
class IdleLoopIntegrationTest extends IntegrationTest {

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    SendLog sendLog;

    @Test
    void aLoopWhoseClaimFoundNothingWakesWhenTheNextDeliveryFallsDueNotAfterItsWholePollInterval() {
        World world = data.world();
        Instant due = clock.instant().plusSeconds(2);
        Delivery delivery = data.approvedPost(world, "時刻に目を覚ます", due, world.lineA()).deliveries().getFirst();
        // the loop's own reads of the time, so that the clock moves only once its first claim has taken "now"
        AtomicInteger loopReads = new AtomicInteger();
        Clock watched = new HookedClock(clock, () -> {
            if (Thread.currentThread().getName().equals("dispatcher")) {
                loopReads.incrementAndGet();
            }
        });
        // a poll interval far longer than the wait below: only waking for the due time can send it in time
        Dispatcher dispatcher = dispatchers.polling("wakes-on-time", Duration.ofMinutes(1), watched);

        dispatcher.start();
        try {
            // the lease recovery's read, then the claim's: the first claim looked before the delivery was due
            await().atMost(Duration.ofSeconds(10)).until(() -> loopReads.get() >= 2);
            assertThat(sendLog.byIds(List.of(delivery.id())).getFirst().status()).isEqualTo(DeliveryStatus.SCHEDULED);
            clock.set(due);

            await().atMost(Duration.ofSeconds(15)).until(() -> sendLog.byIds(List.of(delivery.id())).getFirst()
                    .status() == DeliveryStatus.SENT);
        } finally {
            dispatcher.stop();
        }
    }
}
