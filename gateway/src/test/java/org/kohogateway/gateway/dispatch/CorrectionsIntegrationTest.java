package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/** Guideline §7-①: errors are admitted and corrected at once — a correction post, and deletion where possible. */
class CorrectionsIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    StaffDirectory staff;

    @Test
    void aCorrectionPointsAtTheSentPostItCorrects() {
        World world = data.world();
        Post original = data.approvedPost(world, "秋祭りは11月31日です", null, world.lineA());
        dispatcher.drain();
        Api poster = api(world.poster());

        var correction = poster.post("/api/posts", Api.json(Map.of("text", "【訂正】秋祭りは11月30日です。お詫びして訂正します。",
                "category", "NOTICE", "accountIds", List.of(world.lineA().id()),
                "correctionOf", original.id().toString())));

        assertThat(correction.status()).as(correction.toString()).isEqualTo(201);
        assertThat(correction.json().get("correctionOf").asString()).isEqualTo(original.id().toString());
        String id = correction.json().get("id").asString();
        assertThat(api(world.auditor()).get("/api/audit?subjectType=POST&subjectId=" + id).body())
                .contains("correctionOf").contains(original.id().toString());
    }

    @Test
    void onlyASentPostCanBeCorrected() {
        World world = data.world();
        Post unsent = data.draft(world.poster(), "未送信", null, world.lineA());

        var refused = api(world.poster()).post("/api/posts", Api.json(Map.of("text", "【訂正】", "category", "NOTICE",
                "accountIds", List.of(world.lineA().id()), "correctionOf", unsent.id().toString())));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("post.correctionNotSent");
    }

    @Test
    void anotherDepartmentCannotCorrectAPostButPrCan() {
        World world = data.world();
        Post original = data.approvedPost(world, "防災課は訂正できない投稿", null, world.lineA());
        dispatcher.drain();
        Map<String, Object> correction = Map.of("text", "【訂正】", "category", "NOTICE", "correctionOf",
                original.id().toString());
        String posterB = "posterb-" + TestData.unique();
        staff.addStaff(posterB, posterB, TestData.PASSWORD, world.departmentB().id(),
                java.util.Set.of(Role.POSTER));

        var refused = new Api(port, posterB, TestData.PASSWORD).post("/api/posts",
                Api.json(with(correction, "accountIds", List.of(world.lineB().id()))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("post.correctionNotYours");
        assertThat(api(world.pr()).post("/api/posts", Api.json(with(correction, "accountIds",
                List.of(world.lineA().id())))).status()).as("only the account's operators post to it (§2), PR too")
                .isEqualTo(403);
        assertThat(api(world.poster()).post("/api/posts", Api.json(with(correction, "accountIds",
                List.of(world.lineA().id())))).status()).isEqualTo(201);
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void deletingALineBroadcastIsRefusedBecauseLineCannotRecallItAndTheAttemptIsAudited() {
        World world = data.world();
        Post post = data.approvedPost(world, "削除したい投稿", null, world.lineA());
        dispatcher.drain();
        String delivery = post.deliveries().getFirst().id().toString();

        assertThat(api(world.poster()).post("/api/deliveries/" + delivery + "/delete",
                Api.json(Map.of("reason", "誤り"))).status()).isEqualTo(403);
        var refused = api(world.admin()).post("/api/deliveries/" + delivery + "/delete",
                Api.json(Map.of("reason", "日付の誤り")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("delivery.deleteNotSupported");
        assertThat(api(world.auditor()).get("/api/audit?subjectType=DELIVERY&subjectId=" + delivery).body())
                .contains("DELIVERY_DELETE_FAILED").contains("日付の誤り");
    }

    @Test
    void onlyASentDeliveryCanBeDeleted() {
        World world = data.world();
        Post post = data.draft(world.poster(), "未送信", null, world.lineA());

        var refused = api(world.admin()).post("/api/deliveries/" + post.deliveries().getFirst().id() + "/delete",
                Api.json(Map.of("reason", "誤り")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("delivery.notSent");
    }
}
