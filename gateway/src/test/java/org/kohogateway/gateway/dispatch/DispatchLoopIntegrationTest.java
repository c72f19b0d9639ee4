package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The running loop, as in production: approval as soon as possible leads to a sent post without anyone draining. */
@TestPropertySource(properties = "gateway.dispatch.enabled=true")
@DirtiesContext
class DispatchLoopIntegrationTest extends IntegrationTest {

    @Test
    void theRunningLoopSendsAnApprovedPostWithinAboutASecond() {
        World world = data.world();
        Api poster = api(world.poster());
        String id = poster.post("/api/posts", Api.json(Map.of("text", "ループ配信", "category", "NOTICE",
                "accountIds", List.of(world.lineA().id())))).json().get("id").asString();
        poster.post("/api/posts/" + id + "/submit", null);

        api(world.approver()).approve(id, Map.of());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                poster.get("/api/posts/" + id).json().get("deliveries").get(0).get("status").asString())
                .isEqualTo("SENT"));
    }
}
