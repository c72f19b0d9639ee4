package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryOutcome;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.Reconciliation;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A claim is fenced by its own token, and its lease lives as long as the work: a sender whose claim was taken over
 * passes no gate and records nothing, a slow request keeps its lease, a delivery that never reached the gate is queued
 * again on every platform, and a publication that arrives after its lease was lost is kept as SENT.
 */
class ClaimFencingIntegrationTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Set<Platform> DEDUPLICATING = Set.of(Platform.LINE);

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    Pauses pauses;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aSenderWhoseClaimWasTakenOverPassesNoGateEvenWhenTheSameInstanceClaimedItAgain() {
        World world = data.world();
        Delivery delivery = data.approvedPost(world, "横取りされた送信", null, world.x()).deliveries().getFirst();
        ClaimedDelivery stale = claim(delivery, "instance-a");
        expireLeases();
        ClaimedDelivery fresh = claim(delivery, "instance-a");

        assertThat(pauses.enter(List.of(stale), "instance-a")).as("the stale claim's request may not start").isEmpty();
        assertThat(pauses.enter(List.of(fresh), "instance-a")).extracting(ClaimedDelivery::id)
                .containsExactly(delivery.id());
    }

    @Test
    void aStaleOutcomeChangesNothingOnceTheDeliveryWasClaimedAgain() {
        World world = data.world();
        Delivery delivery = data.approvedPost(world, "古い結果", null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery stale = startedThenLeaseLost(delivery);
        ClaimedDelivery fresh = claim(delivery, "instance-a");

        deliveries.record(List.of(DeliveryOutcome.failed(stale, "late refusal from the first attempt")),
                "instance-a", clock.instant());
        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENDING);

        deliveries.record(List.of(DeliveryOutcome.sent(fresh, "line-request-1")), "instance-a", clock.instant());
        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view(delivery).lastError()).isNull();
    }

    @Test
    void outcomesRecordedTogetherApplyWhereTheirClaimsStandAndAreKeptOnRecordWhereTheyDoNot() {
        World world = data.world();
        Delivery overtaken = data.approvedPost(world, "まとめて記録・古い", null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery stale = startedThenLeaseLost(overtaken);
        claim(overtaken, "instance-b");
        Delivery standing = data.approvedPost(world, "まとめて記録・有効", null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery current = claim(standing, "instance-a");
        Delivery retried = data.approvedPost(world, "まとめて記録・再試行", null, world.lineA()).deliveries().getFirst();
        ClaimedDelivery again = claim(retried, "instance-a");

        // the overtaken one first: its place in the list must not shift the others' answers
        deliveries.record(List.of(DeliveryOutcome.failed(stale, "late refusal"),
                DeliveryOutcome.sent(current, "line-request-2"),
                DeliveryOutcome.retryLater(again, clock.instant().plusSeconds(60), "busy")), "instance-a",
                clock.instant());

        assertThat(view(overtaken).status()).isEqualTo(DeliveryStatus.SENDING);
        assertThat(view(standing).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view(standing).platformPostId()).isEqualTo("line-request-2");
        assertThat(view(retried).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(view(retried).lastError()).isEqualTo("busy");
        assertThat(audit.find(AuditQuery.forSubject("DELIVERY", overtaken.id().toString()))).extracting(e -> e.action())
                .contains("DELIVERY_FAILED_AFTER_LEASE_LOST").doesNotContain("DELIVERY_FAILED");
        assertThat(audit.find(AuditQuery.forSubject("DELIVERY", standing.id().toString()))).extracting(e -> e.action())
                .contains("DELIVERY_SENT").noneMatch(a -> a.endsWith("_AFTER_LEASE_LOST"));
        assertThat(audit.find(AuditQuery.forSubject("DELIVERY", retried.id().toString()))).extracting(e -> e.action())
                .noneMatch(a -> a.endsWith("_AFTER_LEASE_LOST"));
    }

    @Test
    void aDeliveryWhoseRequestNeverStartedIsQueuedAgainOnEveryPlatformWhenItsLeaseExpires() {
        World world = data.world();
        List<Delivery> waiting = List.of(
                data.approvedPost(world, "まだ送っていない X", null, world.x()).deliveries().getFirst(),
                data.approvedPost(world, "まだ送っていない Facebook", null, world.facebook()).deliveries().getFirst());
        waiting.forEach(d -> claim(d, "instance-that-died"));

        expireLeases();

        assertThat(waiting).allSatisfy(d -> {
            DeliveryView view = view(d);
            assertThat(view.status()).isEqualTo(DeliveryStatus.SCHEDULED);
            assertThat(view.attempts()).as("no request was made").isZero();
            assertThat(view.lastError()).contains("nothing was sent");
        });
    }

    @Test
    void aPublicationThatArrivesAfterItsLeaseWasLostIsRecordedAsSent() {
        World world = data.world();
        Delivery delivery = data.approvedPost(world, "遅れて届いた成功", null, world.x()).deliveries().getFirst();
        ClaimedDelivery claimed = claim(delivery, "instance-a");
        assertThat(pauses.enter(List.of(claimed), "instance-a")).hasSize(1);
        expireLeases();
        assertThat(view(delivery).status()).as("started on X: the recovery cannot know").isEqualTo(DeliveryStatus.UNCERTAIN);

        deliveries.record(List.of(DeliveryOutcome.sent(claimed, "1867000000000000007")), "instance-a",
                clock.instant());

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(view(delivery).platformPostId()).isEqualTo("1867000000000000007");
        assertThat(audit.find(AuditQuery.forSubject("DELIVERY", delivery.id().toString())))
                .extracting(e -> e.action()).contains("DELIVERY_SENT_AFTER_LEASE_LOST");
    }

    @Test
    void aRequestSlowerThanTheLeaseKeepsItsLeaseAndIsSentOnce() throws Exception {
        World world = data.world();
        String text = "slow-platform " + world.poster();
        Delivery delivery = data.approvedPost(world, text, null, world.x()).deliveries().getFirst();
        WireMockServer platforms = SimulatedPlatforms.shared().server();
        StubMapping slow = platforms.stubFor(post(urlPathEqualTo("/2/tweets")).atPriority(1)
                .withRequestBody(containing(text))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":{\"id\":\"1867000000000000011\",\"text\":\"x\"}}").withFixedDelay(4_000)));
        Dispatcher slowSender = dispatchers.create("slow-sender", Duration.ofSeconds(1));
        try {
            CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(slowSender::drain);
            await().atMost(Duration.ofSeconds(10)).until(() -> requests(platforms, text) == 1);
            // the injected clock jumps past the lease; the sender's renewal must move the lease after it
            clock.advance(Duration.ofSeconds(5));
            await().atMost(Duration.ofSeconds(3)).until(() -> leaseUntil(delivery).isAfter(clock.instant()));

            assertThat(reconciliation.recoverExpiredLeases(clock.instant(), DEDUPLICATING)).as("another instance's recovery")
                    .isZero();
            sending.get();
        } finally {
            platforms.removeStub(slow);
            slowSender.stop();
        }
        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(requests(platforms, text)).isOne();
    }

    @Test
    void deliveriesClaimedTogetherAreHandedToTheSendersInTheOrderTheyWereDue() {
        World world = data.world();
        // the accounts in the order the database holds them, each given a later time than the one after it: a claim
        // that handed out its rows as the accounts came would hand them out last-due first
        List<OfficialAccount> accounts = Stream.of(world.x(), world.lineA(), world.lineA2(), world.facebook())
                .sorted(Comparator.comparingLong(OfficialAccount::id)).toList();
        Instant at = clock.instant().plus(Duration.ofHours(1));
        List<UUID> dueOrder = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            dueOrder.addFirst(data.approvedPost(world, "順番 " + i, at.minusSeconds(i), accounts.get(i))
                    .deliveries().getFirst().id());
        }
        clock.advance(Duration.ofHours(2));

        // a plan that meets the rows to update as the table holds them (a hash join over a scan of delivery), as plans
        // at production size did, rather than the nested loop over due that a small table gets
        List<ClaimedDelivery> claimed = transactions.execute(status -> {
            jdbc.sql("set local enable_nestloop = off").update();
            jdbc.sql("set local enable_mergejoin = off").update();
            return deliveries.claim(clock.instant(), 1000, "instance-a", LEASE);
        });
        List<UUID> handedOut = claimed.stream().map(ClaimedDelivery::id).filter(dueOrder::contains).toList();
        claimed.stream().filter(c -> !dueOrder.contains(c.id())).forEach(c -> deliveries.defer(c, "instance-a",
                c.dueAt(), "claimed by a test for other deliveries", clock.instant()));

        assertThat(handedOut).containsExactlyElementsOf(dueOrder);
    }

    private ClaimedDelivery claim(Delivery delivery, String instance) {
        return dispatchers.claimOnly(delivery.id(), instance, LEASE);
    }

    /** A claim of instance-a whose request started, and whose lease then expired and was recovered. */
    private ClaimedDelivery startedThenLeaseLost(Delivery delivery) {
        ClaimedDelivery claimed = claim(delivery, "instance-a");
        assertThat(pauses.enter(List.of(claimed), "instance-a")).hasSize(1);
        expireLeases();
        return claimed;
    }

    private void expireLeases() {
        clock.advance(LEASE.plusSeconds(1));
        reconciliation.recoverExpiredLeases(clock.instant(), DEDUPLICATING);
    }

    private Instant leaseUntil(Delivery delivery) {
        return jdbc.sql("select lease_until from delivery where id = :id").param("id", delivery.id())
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(Instant.EPOCH);
    }

    private static int requests(WireMockServer platforms, String text) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(containing(text))).size();
    }

    private DeliveryView view(Delivery delivery) {
        List<UUID> id = List.of(delivery.id());
        return sendLog.byIds(id).getFirst();
    }
}
