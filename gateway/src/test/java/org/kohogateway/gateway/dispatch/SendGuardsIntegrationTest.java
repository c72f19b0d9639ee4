package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

class SendGuardsIntegrationTest extends IntegrationTest {

    @Autowired
    DispatchProperties dispatchProperties;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    SendGuards guards;

    @Autowired
    org.kohogateway.gateway.account.ProfileChecks profiles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock gatewayClock;

    @Autowired
    OfficialAccounts accounts;

    @Autowired
    PlatformProperties platformProperties;

    @Autowired
    PlatformTransactionManager transactions;

    private final WireMockServer platforms = SimulatedPlatforms.shared().server();

    @Test
    void aFailingAccountsBreakerOpensWithoutHoldingUpTheOthers() {
        World world = data.world();
        String failing = "breaker-" + world.poster();
        StubMapping down = platforms.stubFor(post(urlPathEqualTo("/v2/bot/message/broadcast")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(failing)))
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"internal error\"}")));
        try {
            posts(world, failing, 5, world.lineA());
            dispatcher.drain();
            assertThat(requests(failing)).isEqualTo(5);
            assertThat(guards.state(world.lineA().id())).isEqualTo(CircuitBreaker.State.OPEN);

            List<Delivery> more = posts(world, failing, 5, world.lineA());
            List<Delivery> healthy = posts(world, "healthy-" + world.poster(), 5, world.lineA2());
            dispatcher.drain();

            assertThat(requests(failing)).as("no request while the breaker is open").isEqualTo(5);
            assertThat(statuses(world.lineA2().id(), healthy)).containsOnly(DeliveryStatus.SENT);
            assertThat(statuses(world.lineA().id(), more)).containsOnly(DeliveryStatus.SCHEDULED);
            assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + more.getFirst().id())
                    .body()).contains("DELIVERY_DEFERRED").contains("circuit breaker");
        } finally {
            platforms.removeStub(down);
        }

        clock.advance(Duration.ofMinutes(5));
        dispatcher.drain();
        assertThat(guards.state(world.lineA().id())).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void theRolling24HourCapDefersUntilTheOldestPostLeavesTheWindow() {
        World world = data.world();
        SendGuards capped = new SendGuards(new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10, Map.of(),
                Map.of(Platform.X, 2), Map.of()), jdbc, gatewayClock, transactions, profiles);
        posts(world, "cap-" + world.poster(), 2, world.x());
        dispatcher.drain();
        var sentAt = clock.instant();
        clock.advance(Duration.ofHours(1));
        ClaimedDelivery third = claim(posts(world, "cap-third-" + world.poster(), 1, world.x()).getFirst());

        var wait = capped.admit(third);

        assertThat(wait).isPresent();
        assertThat(wait.get().reason()).contains("daily cap");
        assertThat(wait.get().until()).isBetween(sentAt.plus(Duration.ofHours(24)),
                sentAt.plus(Duration.ofHours(24)).plusSeconds(1));
        clock.advance(Duration.ofHours(24));
        assertThat(capped.admit(third)).isEmpty();
    }

    @Test
    void anEmergencyBurstIsSpreadOverTheXWindowsInsteadOfRefused() {
        World world = data.world();
        SendGuards paced = new SendGuards(new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10, Map.of(), Map.of(),
                Map.of(Platform.X, List.of(new GuardProperties.Window(Duration.ofMinutes(15), 2),
                        new GuardProperties.Window(Duration.ofHours(3), 3)))), jdbc, gatewayClock, transactions,
                profiles);
        posts(world, "burst-" + world.poster(), 2, world.x());
        dispatcher.drain();
        var firstSentAt = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        ClaimedDelivery third = claim(posts(world, "burst-third-" + world.poster(), 1, world.x()).getFirst());

        assertThat(paced.admit(third)).as("2 in 15 minutes").hasValueSatisfying(w -> {
            assertThat(w.reason()).contains("2 posts in 15 minutes");
            assertThat(w.until()).isBetween(firstSentAt.plus(Duration.ofMinutes(15)),
                    firstSentAt.plus(Duration.ofMinutes(15)).plusSeconds(1));
        });
        clock.advance(Duration.ofMinutes(13));
        assertThat(paced.admit(third)).as("the 15-minute window moved on").isEmpty();

        ClaimedDelivery fourth = claim(posts(world, "burst-fourth-" + world.poster(), 1, world.x()).getFirst());
        clock.advance(Duration.ofMinutes(20));
        assertThat(paced.admit(fourth)).as("3 in 3 hours").hasValueSatisfying(w -> {
            assertThat(w.reason()).contains("3 posts in 3 hours");
            assertThat(w.until()).isBetween(firstSentAt.plus(Duration.ofHours(3)),
                    firstSentAt.plus(Duration.ofHours(3)).plusSeconds(1));
        });
    }

    @Test
    void xIsPacedByItsDocumentedWindowsByDefault() {
        GuardProperties defaults = new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10, null, null, null);

        assertThat(defaults.windows().get(Platform.X)).containsExactly(
                new GuardProperties.Window(Duration.ofMinutes(15), 200), new GuardProperties.Window(Duration.ofHours(3), 300));
    }

    @Test
    void theRateLimiterDefersWhatExceedsTheAccountsRate() {
        World world = data.world();
        SendGuards limited = new SendGuards(new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10,
                Map.of(Platform.LINE, 2), Map.of(), Map.of()), jdbc, gatewayClock, transactions, profiles);
        List<java.util.UUID> ids = posts(world, "rate-" + world.poster(), 3, world.lineA()).stream()
                .map(Delivery::id).toList();
        List<ClaimedDelivery> claimed = deliveries.claim(clock.instant(), 1000, "guard-test", Duration.ofMinutes(2))
                .stream().filter(c -> ids.contains(c.id())).toList();
        assertThat(claimed).hasSize(3);

        assertThat(limited.admit(claimed.get(0))).isEmpty();
        assertThat(limited.admit(claimed.get(1))).isEmpty();
        assertThat(limited.admit(claimed.get(2))).hasValueSatisfying(w -> assertThat(w.reason()).contains("rate limit"));
    }

    @Test
    void aGroupAdmittedTogetherGetsOnlyTheRoomLeftInEachAccountsMinuteInTheOrderItCame() {
        World world = data.world();
        SendGuards threePerMinute = new SendGuards(new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10,
                Map.of(Platform.LINE, 3), Map.of(), Map.of()), jdbc, gatewayClock, transactions, profiles);
        List<ClaimedDelivery> a = claim(posts(world, "group-rate-a-" + world.poster(), 5, world.lineA()));
        List<ClaimedDelivery> b = claim(posts(world, "group-rate-b-" + world.poster(), 2, world.lineA2()));
        assertThat(threePerMinute.admit(a.get(0))).isEmpty();

        List<Optional<SendGuards.Wait>> answers = threePerMinute.admitAll(
                List.of(a.get(1), b.get(0), a.get(2), a.get(3), b.get(1), a.get(4)));

        assertThat(answers).extracting(Optional::isEmpty).containsExactly(true, true, true, false, true, false);
        assertThat(answers.get(3)).hasValueSatisfying(w -> assertThat(w.reason()).contains("rate limit"));
        assertThat(threePerMinute.admit(a.get(4))).as("the minute stays full").isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(threePerMinute.admitAll(List.of(a.get(3), a.get(4), b.get(0), b.get(1))))
                .as("a new minute").allMatch(Optional::isEmpty);
    }

    @Test
    void twoInstancesAdmittingGroupsAtOnceShareEachAccountsMinuteWithoutDeadlock() throws Exception {
        World world = data.world();
        GuardProperties fourPerMinute = new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10,
                Map.of(Platform.LINE, 4), Map.of(), Map.of());
        List<SendGuards> instances = List.of(new SendGuards(fourPerMinute, jdbc, gatewayClock, transactions, profiles),
                new SendGuards(fourPerMinute, jdbc, gatewayClock, transactions, profiles));
        List<ClaimedDelivery> a = claim(posts(world, "group-race-a-" + world.poster(), 6, world.lineA()));
        List<ClaimedDelivery> b = claim(posts(world, "group-race-b-" + world.poster(), 6, world.lineA2()));
        // the two groups name the accounts in opposite orders: rows taken as listed would deadlock
        List<List<ClaimedDelivery>> groups = List.of(
                List.of(a.get(0), a.get(1), a.get(2), b.get(0), b.get(1), b.get(2)),
                List.of(b.get(3), b.get(4), b.get(5), a.get(3), a.get(4), a.get(5)));

        try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
            for (int minute = 0; minute < 10; minute++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Optional<SendGuards.Wait>>>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    SendGuards guard = instances.get(i);
                    List<ClaimedDelivery> group = groups.get(i);
                    answers.add(senders.submit(() -> {
                        start.await();
                        return guard.admitAll(group);
                    }));
                }
                start.countDown();
                Map<Long, Integer> admitted = new HashMap<>();
                for (int i = 0; i < 2; i++) {
                    List<Optional<SendGuards.Wait>> answer = answers.get(i).get();
                    for (int k = 0; k < answer.size(); k++) {
                        if (answer.get(k).isEmpty()) {
                            admitted.merge(groups.get(i).get(k).accountId(), 1, Integer::sum);
                        }
                    }
                }
                assertThat(admitted).as("minute %d", minute)
                        .containsExactlyInAnyOrderEntriesOf(Map.of(world.lineA().id(), 4, world.lineA2().id(), 4));
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    @Test
    void twoInstancesTogetherNeverAdmitMoreThanTheAccountsPerMinuteLimit() {
        World world = data.world();
        GuardProperties twoPerMinute = new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10,
                Map.of(Platform.LINE, 2), Map.of(), Map.of());
        SendGuards first = new SendGuards(twoPerMinute, jdbc, gatewayClock, transactions, profiles);
        SendGuards second = new SendGuards(twoPerMinute, jdbc, gatewayClock, transactions, profiles);
        List<ClaimedDelivery> claimed = claim(posts(world, "shared-rate-" + world.poster(), 6, world.lineA()));

        int admitted = 0;
        for (int i = 0; i < 4; i++) {
            admitted += (i % 2 == 0 ? first : second).admit(claimed.get(i)).isEmpty() ? 1 : 0;
        }
        assertThat(admitted).as("admitted by both instances in one minute").isEqualTo(2);
        assertThat(second.admit(claimed.get(4))).hasValueSatisfying(w -> {
            assertThat(w.reason()).contains("rate limit");
            assertThat(w.until()).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        });

        clock.advance(Duration.ofMinutes(1));
        assertThat(first.admit(claimed.get(4))).as("a new minute").isEmpty();
    }

    @Test
    void anUncertainDeliveryCountsTowardsTheDailyCap() {
        World world = data.world();
        SendGuards capped = new SendGuards(new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10, Map.of(),
                Map.of(Platform.X, 2), Map.of()), jdbc, gatewayClock, transactions, profiles);
        posts(world, "cap-sent-" + world.poster(), 1, world.x());
        dispatcher.drain();
        ClaimedDelivery lost = claim(posts(world, "cap-uncertain-" + world.poster(), 1, world.x())).getFirst();
        deliveries.uncertain(lost, "guard-test", "timeout after the request left", clock.instant());
        ClaimedDelivery third = claim(posts(world, "cap-third-" + world.poster(), 1, world.x())).getFirst();

        assertThat(capped.admit(third)).hasValueSatisfying(w -> assertThat(w.reason()).contains("daily cap"));
    }

    @Test
    void twoInstancesAdmittingAtOnceNeverExceedTheDailyCap() throws Exception {
        World world = data.world();
        GuardProperties threeADay = new GuardProperties(50, 5, 20, Duration.ofMinutes(1), 10, Map.of(),
                Map.of(Platform.X, 3), Map.of());
        List<SendGuards> instances = List.of(new SendGuards(threeADay, jdbc, gatewayClock, transactions, profiles),
                new SendGuards(threeADay, jdbc, gatewayClock, transactions, profiles));
        List<ClaimedDelivery> claimed = claim(posts(world, "shared-cap-" + world.poster(), 8, world.x()));

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(claimed.size())) {
            for (int i = 0; i < claimed.size(); i++) {
                SendGuards guard = instances.get(i % 2);
                ClaimedDelivery d = claimed.get(i);
                answers.add(senders.submit(() -> {
                    start.await();
                    return guard.admit(d).isEmpty();
                }));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> answer : answers) {
                admitted += answer.get() ? 1 : 0;
            }
            assertThat(admitted).as("admitted while all of them were SENDING at once").isEqualTo(3);
        }
    }

    @Test
    void aBreakerPermissionIsGivenBackWhenTheSendStopsOnAnUnexpectedException() {
        World world = data.world();
        long account = world.lineA().id();
        // one failure in a window of one opens the breaker; after open-for it lets exactly one probe through
        SendGuards probing = new SendGuards(new GuardProperties(50, 1, 1, Duration.ofMinutes(1), 1, Map.of(), Map.of(), Map.of()),
                jdbc, gatewayClock, transactions, profiles);
        ClaimedDelivery failing = claim(posts(world, "leak-open-" + world.poster(), 1, world.lineA()).getFirst());
        assertThat(probing.admit(failing)).isEmpty();
        probing.record(failing, new PublishOutcome.Transient("platform down", Optional.empty()));
        assertThat(probing.state(account)).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofMinutes(2));
        ConnectorRegistry throwing = new ConnectorRegistry(accounts, platformProperties, gatewayClock, dispatchProperties) {
            @Override
            PlatformConnector forAccount(long accountId, Platform platform, long credentialsVersion) {
                if (accountId == account) {
                    throw new IllegalStateException("injected: the registry failed unexpectedly");
                }
                return super.forAccount(accountId, platform, credentialsVersion);
            }
        };
        Dispatcher dispatcher = dispatchers.custom("leak-test", throwing, probing, null);
        posts(world, "leak-probe-" + world.poster(), 1, world.lineA());
        dispatcher.drain();
        assertThat(probing.state(account)).isEqualTo(CircuitBreaker.State.HALF_OPEN);

        ClaimedDelivery next = claim(posts(world, "leak-next-" + world.poster(), 1, world.lineA()).getFirst());

        assertThat(probing.admit(next)).as("the half-open breaker's one probe permission was not leaked").isEmpty();
    }

    private List<Delivery> posts(World world, String marker, int count, OfficialAccount account) {
        List<Delivery> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(data.approvedPost(world, marker + " #" + i, null, account).deliveries().getFirst());
        }
        return created;
    }

    private List<ClaimedDelivery> claim(List<Delivery> of) {
        List<java.util.UUID> ids = of.stream().map(Delivery::id).toList();
        List<ClaimedDelivery> claimed = deliveries.claim(clock.instant(), 1000, "guard-test", Duration.ofMinutes(2))
                .stream().filter(c -> ids.contains(c.id())).toList();
        assertThat(claimed).hasSameSizeAs(of);
        return claimed;
    }

    private ClaimedDelivery claim(Delivery delivery) {
        return deliveries.claim(clock.instant(), 1000, "guard-test", Duration.ofMinutes(2)).stream()
                .filter(c -> c.id().equals(delivery.id())).findFirst().orElseThrow();
    }

    private int requests(String marker) {
        return platforms.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))).size();
    }

    private List<DeliveryStatus> statuses(long accountId, List<Delivery> of) {
        List<java.util.UUID> ids = of.stream().map(Delivery::id).toList();
        return sendLog.list(null, accountId, 1000).stream().filter(d -> ids.contains(d.id()))
                .map(DeliveryView::status).toList();
    }
}
