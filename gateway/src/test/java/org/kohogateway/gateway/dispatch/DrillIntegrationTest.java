package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kohogateway.gateway.api.Problems.assertRefusal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A drill (訓練, issue 22 point 3) goes only to the staff's test recipients, never to a public account: approved and
 * due, its LINE delivery is pushed to the preview devices and its X and Facebook deliveries are not sent at all —
 * judged from what the simulated platforms received. A drill stays a drill, and every audit entry about it says so.
 */
class DrillIntegrationTest extends IntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PostTemplates templates;

    @Autowired
    StaffDirectory staff;

    private final WireMockServer wire = SimulatedPlatforms.shared().server();

    @Test
    void anApprovedDueDrillReachesOnlyTheTestRecipientsNeverAPublicEndpoint() {
        World world = data.world();
        String marker = "訓練マーカー" + TestData.unique();
        Post post = approvedDrill(world, "【避難指示】江津地区に避難指示を発令しました。" + marker);

        dispatcher.drain();

        Post after = workflow.get(post.id());
        assertThat(status(after, world.lineA().id())).isEqualTo(DeliveryStatus.DRILL_SENT);
        assertThat(status(after, world.x().id())).isEqualTo(DeliveryStatus.DRILL_SKIPPED);
        assertThat(status(after, world.facebook().id())).isEqualTo(DeliveryStatus.DRILL_SKIPPED);
        // nothing public: no LINE broadcast, no X post, no Facebook post carries the drill's text
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/broadcast"))
                .withRequestBody(containing(marker)))).isEmpty();
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/2/tweets")).withRequestBody(containing(marker))))
                .isEmpty();
        assertThat(wire.findAll(anyRequestedFor(urlPathMatching("/v22.0/.*")).withRequestBody(containing(marker))))
                .isEmpty();
        Delivery line = delivery(after, world.lineA().id());
        assertThat(SimulatedPlatforms.shared().lineBroadcastsOf(line.id())).isZero();
        // the staff's test device got it, marked as a drill
        var pushes = wire.findAll(postRequestedFor(urlPathEqualTo("/v2/bot/message/push"))
                .withRequestBody(containing(marker)));
        assertThat(pushes).hasSize(1);
        assertThat(pushes.getFirst().getBodyAsString()).contains(SimulatedPlatforms.PREVIEW_RECIPIENT).contains("【訓練】");
        assertThat(pushes.getFirst().getHeader("X-Line-Retry-Key")).isNotEqualTo(line.id().toString())
                .isNotEqualTo(LineConnector.previewRetryKey(line.id(), SimulatedPlatforms.PREVIEW_RECIPIENT).toString());
    }

    @Test
    void aDrillCannotBeTurnedLiveThroughTheApiNorTheDatabase() {
        World world = data.world();
        Post post = drillDraft(world, "訓練の下書き " + TestData.unique());

        var refused = api(world.poster()).put("/api/posts/" + post.id(), Api.json(Map.of("text", "本番にする",
                "category", "EMERGENCY", "drill", false)));

        assertRefusal(refused, 409, "post.drillFixed");
        assertThat(refused.body()).contains("DRILL");
        assertThat(workflow.get(post.id()).drill()).isTrue();
        assertThatThrownBy(() -> jdbc.sql("update post set drill = false where id = :id")
                .param("id", post.id().value()).update()).isInstanceOf(DataAccessException.class);
        assertThat(workflow.get(post.id()).drill()).isTrue();
        // a live post does not become a drill either: each is what it was created as
        Post live = data.draft(world.poster(), "本番の下書き " + TestData.unique(), null, world.lineA());
        assertRefusal(api(world.poster()).put("/api/posts/" + live.id(), Api.json(Map.of("text", "訓練にする",
                "category", "NOTICE", "drill", true))), 409, "post.drillFixed");
    }

    @Test
    void anEditThatLeavesTheDrillMarkAloneKeepsTheDrill() {
        World world = data.world();
        Post post = drillDraft(world, "訓練の下書き " + TestData.unique());

        var edited = api(world.poster()).put("/api/posts/" + post.id(), Api.json(Map.of("text", "訓練の本文を直した "
                + TestData.unique(), "category", "EMERGENCY")));

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("drill").asBoolean()).isTrue();
    }

    @Test
    void everyAuditEntryAboutADrillIsMarkedAndALivePostsAreNot() {
        World world = data.world();
        Post drill = approvedDrill(world, "訓練の監査 " + TestData.unique());
        Post live = data.approvedPost(world, "本番の監査 " + TestData.unique(), null, world.lineA());
        dispatcher.drain();

        List<Boolean> drillMarks = marks(drill);
        assertThat(drillMarks).hasSizeGreaterThanOrEqualTo(8).containsOnly(true);
        assertThat(actions(drill)).contains("POST_CREATED", "POST_APPROVED", "DELIVERY_CLAIMED", "DELIVERY_DRILL_SENT",
                "DELIVERY_DRILL_SKIPPED");
        assertThat(marks(live)).isNotEmpty().containsOnly(false);
    }

    @Test
    void aDeliveryCarriesItsPostsDrillMarkWhicheverStatementWritesIt() {
        World world = data.world();
        Post drill = drillDraft(world, "訓練の配信 " + TestData.unique());
        Post live = data.draft(world.poster(), "本番の配信 " + TestData.unique(), null, world.lineA());
        // deliveries written by hand, each claiming the other post's mark
        UUID drillCopy = handWrittenDelivery(drill, world.lineB().id(), false);
        UUID liveCopy = handWrittenDelivery(live, world.lineA2().id(), true);

        assertThat(drillMark(drillCopy)).isTrue();
        assertThat(drillMark(liveCopy)).isFalse();
        jdbc.sql("update delivery set drill = not drill where id in (:drill, :live)")
                .param("drill", drillCopy).param("live", liveCopy).update();
        assertThat(drillMark(drillCopy)).isTrue();
        assertThat(drillMark(liveCopy)).isFalse();
        // an entry about each, written by hand too, is marked by what its delivery is
        assertThat(handWrittenEntryMarked(drillCopy)).isTrue();
        assertThat(handWrittenEntryMarked(liveCopy)).isFalse();
        // a delivery moved to the drill post is the drill's
        jdbc.sql("update delivery set post_id = :post where id = :id").param("post", drill.id().value())
                .param("id", liveCopy).update();
        assertThat(drillMark(liveCopy)).isTrue();
        assertThat(handWrittenEntryMarked(liveCopy)).isTrue();
    }

    private UUID handWrittenDelivery(Post post, long accountId, boolean drill) {
        return jdbc.sql("""
                insert into delivery (id, post_id, account_id, status, due_at, updated_at, drill)
                values (gen_random_uuid(), :post, :account, 'WAITING', now(), now(), :drill)
                returning id
                """).param("post", post.id().value()).param("account", accountId).param("drill", drill)
                .query(UUID.class).single();
    }

    private boolean drillMark(UUID delivery) {
        return jdbc.sql("select drill from delivery where id = :id").param("id", delivery).query(Boolean.class).single();
    }

    private boolean handWrittenEntryMarked(UUID delivery) {
        return jdbc.sql("""
                insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, detail)
                values (now(), 'test', 'DELIVERY_LOOKED_AT', 'DELIVERY', :id, '{}')
                returning coalesce((detail->>'drill')::boolean, false)
                """).param("id", delivery.toString()).query(Boolean.class).single();
    }

    @Test
    void aDrillTemplateFillsOnlyDrillsAndStaysADrillTemplate() {
        World world = data.world();
        Staff poster = staff.byUsername(world.poster());
        TemplateDraft draft = new TemplateDraft("避難訓練 " + TestData.unique(), "【避難指示】{{地区}}に避難指示を発令しました。",
                List.of(new Placeholder("地区", PlaceholderType.AREA, List.of("江津地区"), 0)),
                List.of(world.lineA().id(), world.x().id()), null, List.of(), true);
        long id = templates.create(poster, draft).id();
        templates.submit(poster, id);
        templates.approve(staff.byUsername(world.approver()), id, "訓練用");

        Post filled = templates.fill(poster, id, Map.of("地区", "江津地区"));

        assertThat(templates.get(poster, id).drill()).isTrue();
        assertThat(filled.drill()).as("a drill template's post is a drill, whatever the filler asked").isTrue();
        assertThatThrownBy(() -> templates.edit(poster, id, new TemplateDraft(draft.name(), draft.text(),
                draft.placeholders(), draft.accountIds(), null, List.of(), false)))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("DRILL");
        assertRefusal(api(world.poster()).put("/api/templates/" + id, Api.json(Map.of("name", draft.name(), "text",
                draft.text(), "placeholders", draft.placeholders(), "accountIds", draft.accountIds(), "drill", false))),
                409, "template.drillFixed");
    }

    @Test
    void aLiveTemplateFilledForADrillMakesADrill() {
        World world = data.world();
        Staff poster = staff.byUsername(world.poster());
        long id = templates.create(poster, new TemplateDraft("本番テンプレート " + TestData.unique(),
                "{{地区}}に避難所を開設しました。", List.of(new Placeholder("地区", PlaceholderType.AREA, List.of("江津地区"), 0)),
                List.of(world.lineA().id()), null, List.of())).id();
        templates.submit(poster, id);
        templates.approve(staff.byUsername(world.approver()), id, "ok");

        var filled = api(world.poster()).post("/api/templates/" + id + "/fill", Api.json(Map.of("values",
                Map.of("地区", "江津地区"), "drill", true)));

        assertThat(filled.status()).as(filled.toString()).isEqualTo(201);
        assertThat(filled.json().get("drill").asBoolean()).isTrue();
        assertThat(templates.get(poster, id).drill()).isFalse();
    }

    private Post approvedDrill(World world, String text) {
        Post post = drillDraft(world, text);
        workflow.submit(world.poster(), post.id());
        return workflow.approve(world.approver(), post.id(), "訓練として承認", Set.of(),
                workflow.get(post.id()).contentHash());
    }

    private Post drillDraft(World world, String text) {
        var created = api(world.poster()).post("/api/posts", Api.json(Map.of("text", text, "category", "EMERGENCY",
                "accountIds", List.of(world.lineA().id(), world.x().id(), world.facebook().id()), "drill", true)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("drill").asBoolean()).isTrue();
        return workflow.get(new PostId(UUID.fromString(created.json().get("id").asString())));
    }

    private List<Boolean> marks(Post post) {
        return jdbc.sql("""
                select coalesce((detail->>'drill')::boolean, false) from audit_entry
                where subject_type = 'POST' and subject_id = :post
                   or subject_type = 'DELIVERY' and subject_id in (select id::text from delivery where post_id = :uuid)
                """).param("post", post.id().toString()).param("uuid", post.id().value()).query(Boolean.class).list();
    }

    private List<String> actions(Post post) {
        return jdbc.sql("""
                select action from audit_entry
                where subject_type = 'POST' and subject_id = :post
                   or subject_type = 'DELIVERY' and subject_id in (select id::text from delivery where post_id = :uuid)
                """).param("post", post.id().toString()).param("uuid", post.id().value()).query(String.class).list();
    }

    private static Delivery delivery(Post post, long accountId) {
        return post.deliveries().stream().filter(d -> d.accountId() == accountId).findFirst().orElseThrow();
    }

    private static DeliveryStatus status(Post post, long accountId) {
        return delivery(post, accountId).status();
    }
}
