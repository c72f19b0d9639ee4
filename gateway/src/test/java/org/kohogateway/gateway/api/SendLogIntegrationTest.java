package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** The send log search an auditor uses: account, status, time range and actor. */
class SendLogIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Test
    void searchesByAccountStatusTimeRangeAndActor() {
        World world = data.world();
        World other = data.world();
        Post sent = data.approvedPost(world, "送信ログ 1", null, world.lineA());
        Post waiting = data.approvedPost(world, "送信ログ 2", clock.instant().plus(Duration.ofHours(3)), world.lineA2());
        data.approvedPost(other, "別の課", null, other.lineA());
        dispatcher.drain();
        var auditor = api(world.auditor());

        assertThat(ids(auditor.get("/api/deliveries?actor=" + world.approver()).json()))
                .containsExactlyInAnyOrder(id(sent), id(waiting));
        assertThat(ids(auditor.get("/api/deliveries?actor=" + world.poster() + "&status=SENT").json()))
                .containsExactly(id(sent));
        assertThat(ids(auditor.get("/api/deliveries?accountId=" + world.lineA2().id()).json()))
                .containsExactly(id(waiting));
        String future = clock.instant().plus(Duration.ofDays(1)).toString();
        assertThat(auditor.get("/api/deliveries?actor=" + world.poster() + "&from=" + future).json()).isEmpty();
        assertThat(auditor.get("/api/deliveries?from=yesterday").status()).isEqualTo(400);
    }

    private static String id(Post post) {
        return post.deliveries().getFirst().id().toString();
    }

    private static List<String> ids(JsonNode deliveries) {
        return Api.each(deliveries, "id");
    }
}
