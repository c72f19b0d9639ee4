package org.kohogateway.gateway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostEdit;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.weather.WarningChange;
import org.kohogateway.gateway.weather.WeatherWarningChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Templates and the fast lane (issue 22): approved once by the department head who did not write them, versioned,
 * filled with typed values into a post a second person confirms; and a weather warning drafts a post from one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostTemplatesIntegrationTest extends IntegrationTest {

    private static final String TEXT = "【避難指示】{{時刻}}、{{地区}}に避難指示を発令しました。{{避難所}}へ避難してください。";

    @Autowired
    private PostTemplates templates;

    @Autowired
    private PostWorkflow posts;

    @Autowired
    private StaffDirectory staff;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ApplicationEventPublisher events;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private WeatherDraftLog weatherDrafts;

    private World world;

    @BeforeAll
    void world() {
        world = data.world();
    }

    @Test
    void theAuthorMayNotApproveTheirOwnTemplateButTheHeadMay() {
        long id = templates.create(me(world.both()), draft("自己承認 " + TestData.unique(), TEXT)).id();
        templates.submit(me(world.both()), id);

        assertThatThrownBy(() -> templates.approve(me(world.both()), id, "ok"))
                .isInstanceOf(NotPermittedException.class).hasMessageContaining("own");
        // another department's head does not even see it
        assertThatThrownBy(() -> templates.approve(me(world.approverB()), id, "ok"))
                .isInstanceOf(NotFoundException.class);
        assertThat(templates.get(me(world.both()), id).status()).isEqualTo(TemplateStatus.SUBMITTED);

        TemplateView approved = templates.approve(me(world.approver()), id, "平時に確認");
        assertThat(approved.status()).isEqualTo(TemplateStatus.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(me(world.approver()).id());
        assertThat(jdbc.sql("select actor from audit_entry where subject_type = 'TEMPLATE' and subject_id = :s"
                + " and action = 'TEMPLATE_APPROVED'").param("s", id + "/1").query(String.class).single())
                .isEqualTo(world.approver());
    }

    @Test
    void aTransitionFromTheWrongStateIsRefusedNamingTheState() {
        long id = templates.create(me(world.poster()), draft("状態 " + TestData.unique(), TEXT)).id();

        assertThatThrownBy(() -> templates.approve(me(world.approver()), id, "ok"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("DRAFT");
        assertThatThrownBy(() -> templates.fill(me(world.poster()), id, values()))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aTemplateWithABlankMarkerOfItsOwnIsRefusedButItsPlaceholdersPass() {
        assertThatThrownBy(() -> templates.create(me(world.poster()),
                draft("空欄 " + TestData.unique(), TEXT + "次の発表は○時○分の予定です。")))
                .isInstanceOf(PolicyViolationException.class);
    }

    @Test
    void aFilledTemplateNeedsASecondPersonOfTheDepartmentNotTheFiller() {
        long id = approvedTemplate();
        Post post = templates.fill(me(world.poster()), id, values());

        assertThat(post.status()).isEqualTo(PostStatus.SUBMITTED);
        assertThat(post.route()).isEqualTo(ApprovalRoute.TEMPLATE_CONFIRM);
        assertThat(post.content().text()).isEqualTo(
                "【避難指示】14時05分、江津地区に避難指示を発令しました。江津市総合市民センターへ避難してください。");
        assertThat(posts.inbox(world.both(), Readers.of(me(world.both())))).extracting(Post::id).contains(post.id());
        assertThat(posts.inbox(world.pr2(), Readers.of(me(world.pr2())))).extracting(Post::id).contains(post.id());
        assertThat(posts.inbox(world.poster(), Readers.of(me(world.poster())))).extracting(Post::id)
                .doesNotContain(post.id());
        assertThat(posts.inbox(world.approverB(), Readers.of(me(world.approverB())))).extracting(Post::id)
                .doesNotContain(post.id());
        assertThatThrownBy(() -> confirm(world.poster(), post)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> confirm(world.approverB(), post)).isInstanceOf(NotPermittedException.class);
        assertThat(posts.get(post.id()).status()).isEqualTo(PostStatus.SUBMITTED);

        Post confirmed = confirm(world.both(), post);
        assertThat(confirmed.status()).isEqualTo(PostStatus.APPROVED);
        assertThat(jdbc.sql("select detail ->> 'templateVersion' from audit_entry where subject_type = 'POST'"
                + " and subject_id = :s and action = 'POST_CREATED'").param("s", post.id().toString())
                .query(String.class).single()).isEqualTo("1");
    }

    @Test
    void anyPrOfficerMayConfirmAFilledTemplate() {
        Post post = templates.fill(me(world.poster()), approvedTemplate(), values());

        assertThat(confirm(world.pr2(), post).status()).isEqualTo(PostStatus.APPROVED);
    }

    @Test
    void aFilledTemplateIsNotEditedIntoOtherWords() {
        Post post = templates.fill(me(world.poster()), approvedTemplate(), values());

        assertThatThrownBy(() -> posts.edit(world.poster(), post.id(), new PostEdit(
                "全く別の文", List.of(), List.of(), PostCategory.EMERGENCY, null, null, null, null)))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anEmptyValueIsRefusedAndAMarkerTypedIntoAValueIsBlocked() {
        long id = approvedTemplate();

        assertThatThrownBy(() -> templates.fill(me(world.poster()), id,
                Map.of("時刻", "14:05", "地区", "江津地区", "避難所", " ")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("避難所");
        assertThatThrownBy(() -> templates.fill(me(world.poster()), id, Map.of("時刻", "14:05", "地区", "江津地区")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> templates.fill(me(world.poster()), id,
                Map.of("時刻", "14:05", "地区", "江津地区", "避難所", "○時○分に開設する避難所")))
                .isInstanceOf(PolicyViolationException.class);
        assertThatThrownBy(() -> templates.fill(me(world.poster()), id,
                Map.of("時刻", "25:00", "地区", "江津地区", "避難所", "センター")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> templates.fill(me(world.poster()), id,
                Map.of("時刻", "14:05", "地区", "どこか", "避難所", "センター")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anEditedApprovedTemplateKeepsTheApprovedVersionInUseUntilTheNewOneIsApproved() {
        long id = approvedTemplate();
        TemplateView edited = templates.edit(me(world.poster()), id,
                draft("版 " + TestData.unique(), "【第2版】" + TEXT));

        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.status()).isEqualTo(TemplateStatus.DRAFT);
        assertThat(edited.inUseVersion()).isEqualTo(1);
        assertThat(templates.fill(me(world.poster()), id, values()).content().text()).startsWith("【避難指示】");

        templates.submit(me(world.poster()), id);
        TemplateView second = templates.approve(me(world.approver()), id, "ok");
        assertThat(second.inUseVersion()).isEqualTo(2);
        assertThat(jdbc.sql("select status from post_template_version where template_id = :id and version = 1")
                .param("id", id).query(String.class).single()).isEqualTo(TemplateStatus.RETIRED.name());
        assertThat(templates.fill(me(world.poster()), id, values()).content().text()).startsWith("【第2版】");
    }

    @Test
    void thePreviewIsTheTextAFillPostsAndRefusesWhatAFillRefusesWithoutPosting() {
        long id = approvedTemplate();
        int before = jdbc.sql("select count(*) from post").query(Integer.class).single();

        assertThat(templates.preview(me(world.poster()), id, values())).isEqualTo(
                "【避難指示】14時05分、江津地区に避難指示を発令しました。江津市総合市民センターへ避難してください。");
        assertThatThrownBy(() -> templates.preview(me(world.poster()), id, Map.of("時刻", "25:00")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> templates.preview(me(world.approverB()), id, values()))
                .isInstanceOf(NotFoundException.class);
        // a PR officer reads every template, but fills only those for accounts they post to
        assertThatThrownBy(() -> templates.preview(me(world.pr2()), id, values()))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> templates.requireOperator(me(world.pr2()), id))
                .isInstanceOf(NotPermittedException.class);
        templates.requireOperator(me(world.poster()), id);
        assertThat(templates.operable(me(world.pr2()), List.of(templates.get(me(world.pr2()), id)))).isEmpty();
        assertThat(templates.operable(me(world.poster()), List.of(templates.get(me(world.poster()), id))))
                .containsExactly(id);
        assertThat(jdbc.sql("select count(*) from post").query(Integer.class).single()).isEqualTo(before);
    }

    @Test
    void theVersionFilledIsTheApprovedOneWhileANewerWaitsForApproval() {
        long id = approvedTemplate();
        templates.edit(me(world.poster()), id, draft("版 " + TestData.unique(), "【第2版】" + TEXT));

        TemplateView inUse = templates.inUse(me(world.poster()), id);

        assertThat(inUse.version()).isEqualTo(1);
        assertThat(inUse.text()).isEqualTo(TEXT);
        long unapproved = templates.create(me(world.poster()), draft("未承認 " + TestData.unique(), TEXT)).id();
        assertThatThrownBy(() -> templates.inUse(me(world.poster()), unapproved))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void theMarkersOfATextAreItsPlaceholderNamesInOrderOnce() {
        assertThat(PostTemplate.markers("{{時刻}}、{{地区}}に{{避難所}}を開設。{{時刻}}現在")).containsExactly("時刻", "地区",
                "避難所");
    }

    @Test
    void aWeatherWarningIssuedDraftsAPostFromTheTemplateThatAnswersItsKind() {
        long id = approvedTemplate();
        Instant reported = Instant.parse("2026-07-01T05:05:00Z");
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
                new WeatherWarningChanged(1L, "03", "大雨警報", "3220900", "江津地区", "発表", WarningChange.ISSUED,
                        reported, world.departmentA().code())));

        String postId = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                select detail ->> 'post' from audit_entry where action = 'WEATHER_DRAFT_CREATED' and subject_id = :s
                """).param("s", id + "/1").query(String.class).optional().orElse(null), v -> v != null);
        Post draft = posts.get(new PostId(UUID.fromString(postId)));
        assertThat(draft.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(draft.authorId()).isEqualTo(me(world.poster()).id());
        assertThat(draft.content().text()).contains("14時05分", "江津地区", "{{避難所}}");
        assertThat(jdbc.sql("select actor from audit_entry where action = 'WEATHER_DRAFT_CREATED' and subject_id = :s")
                .param("s", id + "/1").query(String.class).single()).isEqualTo(WeatherDrafts.ACTOR);
        assertThat(weatherDrafts.list(me(world.poster()))).filteredOn(d -> d.postId().equals(draft.id().value()))
                .singleElement().satisfies(d -> {
                    assertThat(d.kindName()).isEqualTo("大雨警報");
                    assertThat(d.areaName()).isEqualTo("江津地区");
                    assertThat(d.change()).isEqualTo(WarningChange.ISSUED);
                    assertThat(d.reportedAt()).isEqualTo(reported);
                    assertThat(d.templateId()).isEqualTo(id);
                });
        assertThat(weatherDrafts.list(me(world.approverB()))).noneMatch(d -> d.postId().equals(draft.id().value()));
    }

    private long approvedTemplate() {
        long id = templates.create(me(world.poster()), draft("避難指示 " + TestData.unique(), TEXT)).id();
        templates.submit(me(world.poster()), id);
        templates.approve(me(world.approver()), id, "平時に確認");
        return id;
    }

    private Post confirm(String username, Post post) {
        return posts.approve(username, post.id(), "確認", Set.of(), post.contentHash());
    }

    private TemplateDraft draft(String name, String text) {
        return new TemplateDraft(name, text, List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
                new Placeholder("地区", PlaceholderType.AREA, List.of("江津地区", "桜江地区"), 0),
                new Placeholder("避難所", PlaceholderType.TEXT, null, 40)), List.of(world.lineA().id()), null,
                List.of("03"));
    }

    private static Map<String, String> values() {
        return Map.of("時刻", "14:05", "地区", "江津地区", "避難所", "江津市総合市民センター");
    }

    private Staff me(String username) {
        return staff.byUsername(username);
    }
}
