package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.template.TemplateStatus;
import org.kohogateway.gateway.template.TemplateView;
import org.kohogateway.gateway.template.WeatherDraft;
import org.kohogateway.gateway.template.WeatherDraftLog;
import org.kohogateway.gateway.template.WarningAnswer;
import org.kohogateway.gateway.weather.WarningChange;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The template pages (issue 22): the list with status, version and accounts; the form that reads the placeholders from
 * the text and sends typed rows to the domain; the fast lane's form with one field per placeholder, the preview of
 * the text as each platform receives it and the post it submits; the posts weather warnings drafted.
 */
@PageSlice({TemplatePagesController.class, TemplateFillPagesController.class})
class TemplatePageTest extends SignedInPage {

    private static final String TEXT = "【避難所開設】{{時刻}}、{{地区}}に{{避難所}}を開設しました。";
    private static final List<Placeholder> PLACEHOLDERS = List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
            new Placeholder("地区", PlaceholderType.AREA, List.of("江津地区", "桜江地区"), 0),
            new Placeholder("避難所", PlaceholderType.TEXT, null, 30));

    @MockitoBean
    private PostTemplates templates;
    @MockitoBean
    private WeatherDraftLog weatherDrafts;
    @Autowired
    private OfficialAccounts accounts;

    @Test
    void theListShowsEachTemplatesVersionStatusAndAccountsAndOffersTheApprovedOneToFill() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.list(any())).thenReturn(List.of(view(TemplateStatus.APPROVED, 1)));
        when(templates.operable(any(), any())).thenReturn(java.util.Set.of(3L));

        mvc.perform(get("/templates")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("避難所開設"), containsString("第1版（承認済み）"), containsString("href=\"/templates/3/fill\""),
                containsString("{{地区}}（地区: 江津地区、桜江地区）"), containsString("{{避難所}}（文字、最大 30 文字）"))));
    }

    @Test
    void aSubmittedTemplateIsOfferedToAHeadForADecisionButNotToFill() throws Exception {
        signedInAs(Role.APPROVER);
        when(templates.list(any())).thenReturn(List.of(view(TemplateStatus.SUBMITTED, null)));

        mvc.perform(get("/templates")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("action=\"/templates/3/approve\""), containsString("formaction=\"/templates/3/reject\""),
                not(containsString("/templates/3/fill")))));
    }

    @Test
    void theFormReadsThePlaceholdersFromTheTextKeepingTheTypesAlreadyGiven() throws Exception {
        signedInAs(Role.POSTER);
        OfficialAccount x = account(5L, "江津市防災 X", Platform.X);
        when(accounts.choosableBy(any())).thenReturn(List.of(x));

        mvc.perform(post("/templates").with(csrf()).param("action", "read").param("text", TEXT)
                .param("placeholders[0].name", "避難所").param("placeholders[0].type", "TEXT")
                .param("placeholders[0].maxLength", "30")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("name=\"placeholders[0].name\" type=\"text\" maxlength=\"20\" value=\"時刻\""),
                        containsString("value=\"地区\""), containsString("name=\"placeholders[2].maxLength\""),
                        containsString("value=\"30\""), containsString("name=\"accountIds\" value=\"5\""))));
        verify(templates, never()).create(any(), any());
    }

    @Test
    void theFormSendsEachTypedRowToTheDomainAndShowsItsRefusalOnTheForm() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.create(any(), any())).thenThrow(new InvalidRequestException("template.areaNeedsChoices",
                "no areas", "地区"));

        mvc.perform(post("/templates").with(csrf()).param("action", "submit").param("name", "避難所開設")
                .param("text", TEXT).param("accountIds", "5").param("warningKinds", "03、04")
                .param("placeholders[0].name", "時刻").param("placeholders[0].type", "TIME")
                .param("placeholders[1].name", "地区").param("placeholders[1].type", "AREA")
                .param("placeholders[1].choices", "江津地区\r\n桜江地区\r\n")
                .param("placeholders[2].name", "避難所").param("placeholders[2].type", "TEXT")
                .param("placeholders[2].maxLength", "30"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("地区の差し込み項目 地区 には選べる地区を1つ以上指定してください。")));
        ArgumentCaptor<TemplateDraft> sent = ArgumentCaptor.forClass(TemplateDraft.class);
        verify(templates).create(any(), sent.capture());
        TemplateDraft draft = sent.getValue();
        org.assertj.core.api.Assertions.assertThat(draft.placeholders()).isEqualTo(PLACEHOLDERS);
        org.assertj.core.api.Assertions.assertThat(draft.accountIds()).containsExactly(5L);
        org.assertj.core.api.Assertions.assertThat(draft.warningKinds()).containsExactly("03", "04");
    }

    @Test
    void theFillFormHasOneFieldOfItsTypePerPlaceholder() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1));
        account(5L, "江津市防災 X", Platform.X);

        mvc.perform(get("/templates/3/fill")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("type=\"time\" required id=\"value-0\" name=\"value.時刻\""),
                containsString("<select required id=\"value-1\" name=\"value.地区\""),
                containsString("<option value=\"桜江地区\">桜江地区</option>"),
                containsString("maxlength=\"30\""), containsString("江津市防災 X"),
                containsString("platform-icon platform-x"))));
    }

    @Test
    void thePreviewShowsTheTextAsEachPlatformReceivesItAndPostsNothing() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1));
        account(5L, "江津市防災 X", Platform.X);
        String filled = "【避難所開設】14時05分、江津地区に江津市総合市民センターを開設しました。";
        when(templates.preview(any(), eq(3L), anyMap())).thenReturn(filled);

        mvc.perform(post("/templates/3/fill").with(csrf()).param("action", "preview").param("value.時刻", "14:05")
                .param("value.地区", "江津地区").param("value.避難所", "江津市総合市民センター"))
                .andExpect(status().isOk()).andExpect(content().string(allOf(containsString("id=\"preview\""),
                        containsString(filled), containsString("<option value=\"江津地区\" selected=\"selected\">"))));
        verify(templates).preview(any(), eq(3L), eq(Map.of("時刻", "14:05", "地区", "江津地区", "避難所",
                "江津市総合市民センター")));
        verify(templates, never()).fill(any(), anyLong(), anyMap(), anyBoolean());
    }

    @Test
    void aValueTheDomainRefusesIsShownOnTheFillFormAsABadRequest() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1));
        account(5L, "江津市防災 X", Platform.X);
        when(templates.fill(any(), eq(3L), anyMap(), anyBoolean())).thenThrow(new InvalidRequestException("template.badTime",
                "bad", "時刻", "25:00"));

        mvc.perform(post("/templates/3/fill").with(csrf()).param("action", "submit").param("value.時刻", "25:00"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("「時刻」には 14:05 や 14時05分 のような時刻を記入してください")));
    }

    @Test
    void aFilledTemplateGoesToItsConfirmationPage() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1));
        Post post = mock(Post.class);
        PostId id = PostId.random();
        when(post.id()).thenReturn(id);
        when(templates.fill(any(), eq(3L), anyMap(), anyBoolean())).thenReturn(post);

        mvc.perform(post("/templates/3/fill").with(csrf()).param("action", "submit").param("value.時刻", "14:05"))
                .andExpect(redirectedUrl("/posts/" + id.value() + "/confirm"));
    }

    @Test
    void theWeatherDraftsListTheWarningAndLinkToEachDraft() throws Exception {
        signedInAs(Role.POSTER);
        UUID postId = UUID.randomUUID();
        when(weatherDrafts.list(any())).thenReturn(List.of(new WeatherDraft(postId, 3, 1, "避難所開設", "大雨警報",
                "江津市", WarningChange.ISSUED, Instant.parse("2026-07-01T05:05:00Z"), Instant.now())));
        Post post = mock(Post.class);
        when(post.status()).thenReturn(PostStatus.DRAFT);
        when(workflow.readable(any(PostId.class), any(Readers.class))).thenReturn(Optional.of(post));

        mvc.perform(get("/weather-drafts")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("2026-07-01 14:05"), containsString("大雨警報"), containsString("江津市"),
                containsString("発表"), containsString("避難所開設（第1版）"),
                containsString("href=\"/posts/" + postId + "\""), containsString("開く（下書き）"))));
    }

    @Test
    void aNewTemplateIsWrittenAsADrillAnsweringTheLiftOfItsWarningsWhenTheFormSaysSo() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.create(any(), any())).thenThrow(new InvalidRequestException("template.areaNeedsChoices",
                "no areas", "地区"));

        mvc.perform(post("/templates").with(csrf()).param("action", "save").param("name", "大雨警報解除")
                .param("text", "{{時刻}}、大雨警報は解除されました。").param("placeholders[0].name", "時刻")
                .param("placeholders[0].type", "TIME").param("warningKinds", "03").param("warningAnswer", "LIFTED")
                .param("drill", "true"))
                .andExpect(status().isBadRequest()).andExpect(content().string(allOf(
                        containsString("name=\"warningAnswer\" value=\"LIFTED\" checked=\"checked\""),
                        containsString("解除されたとき"), containsString("訓練として作成する / Drill"))));
        ArgumentCaptor<TemplateDraft> sent = ArgumentCaptor.forClass(TemplateDraft.class);
        verify(templates).create(any(), sent.capture());
        org.assertj.core.api.Assertions.assertThat(sent.getValue().drill()).isTrue();
        org.assertj.core.api.Assertions.assertThat(sent.getValue().warningAnswer()).isEqualTo(WarningAnswer.LIFTED);
    }

    @Test
    void anEditShowsTheDrillMarkReadOnlyAndLeavesItAsItIs() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.get(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1, true));

        mvc.perform(get("/templates/3/edit")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("訓練テンプレートです。この印は変えられません"), not(containsString("name=\"drill\"")))));
        mvc.perform(post("/templates/3/edit").with(csrf()).param("action", "save").param("name", "避難所開設")
                .param("text", "本文").param("drill", "false"));
        ArgumentCaptor<TemplateDraft> sent = ArgumentCaptor.forClass(TemplateDraft.class);
        verify(templates).edit(any(), eq(3L), sent.capture());
        org.assertj.core.api.Assertions.assertThat(sent.getValue().drill()).as("an edit does not say").isNull();
    }

    @Test
    void aLiveTemplateIsFilledAsADrillWhenTheBoxIsTicked() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1));
        account(5L, "江津市防災 X", Platform.X);
        Post post = mock(Post.class);
        when(post.id()).thenReturn(PostId.random());
        when(templates.fill(any(), eq(3L), anyMap(), anyBoolean())).thenReturn(post);

        mvc.perform(get("/templates/3/fill")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("name=\"drill\" value=\"true\""), containsString("訓練として記入する"),
                not(containsString("drill-banner")))));
        mvc.perform(post("/templates/3/fill").with(csrf()).param("action", "submit").param("value.時刻", "14:05")
                .param("drill", "true"));
        verify(templates).fill(any(), eq(3L), eq(Map.of("時刻", "14:05")), eq(true));
    }

    @Test
    void aDrillTemplatesFillPageSaysItIsADrillAndOffersNoBoxToUntick() throws Exception {
        signedInAs(Role.POSTER);
        when(templates.inUse(any(), eq(3L))).thenReturn(view(TemplateStatus.APPROVED, 1, true));
        account(5L, "江津市防災 X", Platform.X);

        mvc.perform(get("/templates/3/fill")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("drill-banner"), containsString("訓練 / DRILL"),
                containsString("訓練テンプレートです。記入した投稿は必ず訓練になり"),
                not(containsString("name=\"drill\"")))));
    }

    @Test
    void aDraftFromALiftedWarningIsListedAsLifted() throws Exception {
        signedInAs(Role.POSTER);
        UUID postId = UUID.randomUUID();
        when(weatherDrafts.list(any())).thenReturn(List.of(new WeatherDraft(postId, 4, 1, "大雨警報解除", "大雨警報",
                "江津市", WarningChange.LIFTED, Instant.parse("2026-07-01T09:00:00Z"), Instant.now())));

        mvc.perform(get("/weather-drafts")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("<td>解除</td>"), containsString("大雨警報解除（第1版）"))));
    }

    private OfficialAccount account(long id, String name, Platform platform) {
        OfficialAccount account = mock(OfficialAccount.class);
        when(account.id()).thenReturn(id);
        when(account.name()).thenReturn(name);
        when(account.platform()).thenReturn(platform);
        when(accounts.get(id)).thenReturn(account);
        return account;
    }

    private static TemplateView view(TemplateStatus status, Integer inUse) {
        return view(status, inUse, false);
    }

    private static TemplateView view(TemplateStatus status, Integer inUse, boolean drill) {
        return new TemplateView(3, 1, 2, "避難所開設", TEXT, PLACEHOLDERS, List.of(5L), PostCategory.EMERGENCY,
                List.of("03"), WarningAnswer.ISSUED, status, 99, null, null, null, inUse, drill);
    }
}
