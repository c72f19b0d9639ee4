package org.kohogateway.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A page on another site cannot make a signed-in browser change anything through the API (its cached HTTP Basic
 * credentials would otherwise ride along); same-origin pages and machine clients can.
 */
class CrossSiteApiRequestsIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Test
    void refusesAnApprovalSentFromAnotherSitesPage() {
        World world = data.world();
        Post post = submitted(world);
        Api approver = api(world.approver());

        for (Map<String, String> browser : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"), Map.of("Origin", "https://evil.example"),
                Map.of("Origin", "null"))) {
            var refused = approver.sendWithHeaders("POST", "/api/posts/" + post.id() + "/approve", null, null, browser);
            assertThat(refused.status()).as(browser + " " + refused).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(approver.get("/api/posts/" + post.id()).json().get("status").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void acceptsSameOriginPagesAndMachineClients() {
        World world = data.world();
        Api approver = api(world.approver());

        Post fromSwagger = submitted(world);
        String hash = approver.get("/api/posts/" + fromSwagger.id()).json().get("contentHash").asString();
        var sameOrigin = approver.sendWithHeaders("POST", "/api/posts/" + fromSwagger.id() + "/approve",
                Api.json(Map.of("contentHash", hash)), "application/json", Map.of("Sec-Fetch-Site", "same-origin", "Origin", "http://localhost:" + port));
        assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(200);

        Post fromScript = submitted(world);
        assertThat(approver.approve(fromScript.id(), Map.of()).status()).isEqualTo(200);
        // reading is never refused: a cross-site page cannot read the answer anyway
        assertThat(approver.sendWithHeaders("GET", "/api/posts/" + fromScript.id(), null, null,
                Map.of("Sec-Fetch-Site", "cross-site")).status()).isEqualTo(200);
    }

    private Post submitted(World world) {
        Post draft = data.draft(world.poster(), "江津市からのお知らせです。 " + TestData.unique(), null, world.lineA());
        return workflow.submit(world.poster(), draft.id());
    }
}
