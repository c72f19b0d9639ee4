package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Two dispatchers (as two gateway instances would) race over the same due deliveries on one database. */
class TwoDispatchersIntegrationTest extends IntegrationTest {

    private static final int POSTS = 300;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    DispatcherFactory dispatchers;

    @Autowired
    AuditTrail audit;


    @Test
    void twoDispatchersOnOneDatabaseNeverSendADeliveryTwice() {
        World world = data.world();
        String marker = "並行配信テスト " + world.poster();
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < POSTS; i++) {
            Post post = data.approvedPost(world, marker + " #" + i, null, i % 2 == 0 ? world.lineA() : world.lineA2());
            due.add(post.deliveries().getFirst());
        }
        WireMockServer line = SimulatedPlatforms.shared().server();
        // a little latency widens the window in which both instances are claiming and sending at once
        StubMapping slow = line.stubFor(post(urlPathEqualTo("/v2/bot/message/broadcast")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker)))
                .willReturn(aResponse().withStatus(200).withHeader("x-line-request-id", "{{randomValue type='UUID'}}")
                        .withBody("{}").withTransformers("response-template").withUniformRandomDelay(1, 15)));
        Dispatcher first = dispatchers.create("instance-a");
        Dispatcher second = dispatchers.create("instance-b");
        try (var threads = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(first::drain, threads);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(second::drain, threads);
            assertThat(a.join() + b.join()).isGreaterThanOrEqualTo(POSTS);
        } finally {
            line.removeStub(slow);
            // a dispatcher made here is no bean: nobody else stops its lease renewal
            first.stop();
            second.stop();
        }

        List<LoggedRequest> requests = line.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(matchingJsonPath("$.messages[0].text", containing(marker))));
        Map<String, Long> perKey = requests.stream()
                .collect(Collectors.groupingBy(r -> r.getHeader("X-Line-Retry-Key"), Collectors.counting()));
        Set<String> expectedKeys = new HashSet<>(due.stream().map(d -> d.id().toString()).toList());
        assertThat(perKey.keySet()).isEqualTo(expectedKeys);
        assertThat(perKey.values()).as("exactly one platform request per delivery").containsOnly(1L);

        Map<String, DeliveryStatus> statuses = new HashMap<>();
        for (long account : List.of(world.lineA().id(), world.lineA2().id())) {
            sendLog.list(null, account, 1000).forEach(d -> statuses.put(d.id().toString(), d.status()));
        }
        assertThat(statuses.values()).hasSize(POSTS).containsOnly(DeliveryStatus.SENT);

        Map<String, Long> sentBy = due.stream()
                .flatMap(d -> audit.find(AuditQuery.forSubject("DELIVERY", d.id().toString())).stream())
                .filter(e -> e.action().equals("DELIVERY_SENT"))
                .map(e -> e.detail().contains("instance-a") ? "instance-a" : "instance-b")
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(sentBy.keySet()).as("both instances took part").containsExactlyInAnyOrder("instance-a", "instance-b");
    }
}
