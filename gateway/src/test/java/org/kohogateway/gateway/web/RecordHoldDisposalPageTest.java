package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.records.DisposalList;
import org.kohogateway.gateway.records.DisposalLists;
import org.kohogateway.gateway.records.PostRecord;
import org.kohogateway.gateway.records.PostRecords;
import org.kohogateway.gateway.records.RecordHolds;
import org.kohogateway.gateway.records.RecordPackages;
import org.kohogateway.gateway.records.RecordView;
import org.kohogateway.gateway.records.RetentionClass;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A record's page with its legal hold, and the disposal lists' page (issue 21 point 5): what they show, what they send
 * to the domain, and its refusals on the form that was sent — the drawer's own approval among them, a 403 on the form
 * rather than an error page; anyone who does not audit gets the error page. The CSRF tokens and who reaches the pages
 * at all are the integration test's and the authorization matrix's.
 */
@PageSlice({RecordPagesController.class, DisposalPagesController.class})
class RecordHoldDisposalPageTest extends SignedInPage {

    private static final UUID POST = UUID.fromString("0b7a3c1e-5d2f-4a1b-9c8d-7e6f5a4b3c2d");
    private static final Instant SENT = Instant.parse("2024-06-10T01:00:00Z");

    @MockitoBean
    private PostRecords records;
    @MockitoBean
    private RecordHolds holds;
    @MockitoBean
    private RecordPackages packages;
    @MockitoBean
    private DisposalLists disposals;

    @Test
    void aRecordNotOnHoldOffersTheHoldFormWithARequiredReason() throws Exception {
        signedInAs(Role.AUDITOR);
        when(records.record(any(), eq(new PostId(POST)))).thenReturn(record(null));

        mvc.perform(get("/records/posts/" + POST)).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("&lt;b&gt;夏祭り&lt;/b&gt;のお知らせ"), containsString("保存中"),
                containsString("action=\"/records/posts/" + POST + "/hold\""),
                containsString("<label for=\"hold-reason\">理由</label>"),
                containsString("<textarea id=\"hold-reason\" name=\"reason\" rows=\"2\" required maxlength=\"2000\""),
                not(containsString("/release\"")))));
    }

    @Test
    void aHoldSendsTheReasonToTheDomainAndReturnsToTheRecord() throws Exception {
        signedInAs(Role.AUDITOR);

        mvc.perform(post("/records/posts/" + POST + "/hold").with(csrf()).param("reason", "情報公開請求 第12号"))
                .andExpect(redirectedUrl("/records/posts/" + POST)).andExpect(flash().attribute("flash",
                        "flash.recordHeld"));
        verify(holds).place(any(), eq(new PostId(POST)), eq("情報公開請求 第12号"));
    }

    @Test
    void aHoldWithoutAReasonIsRefusedOnTheHoldFormKeepingNothingElse() throws Exception {
        signedInAs(Role.ADMIN);
        when(records.record(any(), eq(new PostId(POST)))).thenReturn(record(null));
        when(holds.place(any(), any(), eq(""))).thenThrow(new InvalidRequestException("records.reasonRequired",
                "a reason", RecordHolds.MAX_REASON));

        mvc.perform(post("/records/posts/" + POST + "/hold").with(csrf())).andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(containsString("id=\"hold-error\""),
                        containsString("理由を入力してください（2,000 文字まで）。"))));
    }

    @Test
    void aHeldRecordShowsWhoHeldItAndOffersToLiftTheHold() throws Exception {
        signedInAs(Role.AUDITOR);
        when(records.record(any(), eq(new PostId(POST)))).thenReturn(record(new PostRecord.Hold("訴訟の証拠", "kenji",
                Instant.parse("2025-01-06T00:30:00Z"))));

        mvc.perform(get("/records/posts/" + POST)).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("訴訟ホールド中: 訴訟の証拠（kenji、2025-01-06 09:30）"),
                containsString("action=\"/records/posts/" + POST + "/release\""),
                containsString("<label for=\"release-reason\">理由</label>"), not(containsString("/hold\"")))));

        mvc.perform(post("/records/posts/" + POST + "/release").with(csrf()).param("reason", "請求への対応が終わった"))
                .andExpect(redirectedUrl("/records/posts/" + POST));
        verify(holds).lift(any(), eq(new PostId(POST)), eq("請求への対応が終わった"));
    }

    @Test
    void theDisposalPageListsWhoDrewEachListWhenItsRecordsAndItsState() throws Exception {
        signedInAs(Role.AUDITOR);
        when(disposals.recent(any(), anyInt())).thenReturn(List.of(decided(), drawn("kenji")));

        mvc.perform(get("/records/disposal")).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("action=\"/records/disposal\""), containsString("廃棄リスト 4（2026-04-01 時点）"),
                containsString("kenji（2026-04-01 10:00）"), containsString("決定待ち"), containsString("記録 1 件"),
                containsString("href=\"/records/posts/" + POST + "\""),
                containsString("action=\"/records/disposal/4/approve\""),
                containsString("formaction=\"/records/disposal/4/refuse\""),
                containsString("<label for=\"comment-4\">コメント</label>"),
                containsString("作成者（kenji）以外の監査担当か管理者"),
                containsString("承認済み"), containsString("saki（2026-04-02 10:00）"), containsString("保存期間満了"),
                containsString("画像を廃棄"), not(containsString("/records/disposal/3/approve")))));
    }

    @Test
    void drawingWhenNothingIsDueIsShownOnTheDrawForm() throws Exception {
        signedInAs(Role.AUDITOR);
        when(disposals.draw(any())).thenThrow(new ConflictException("disposal.nothingDue", "none",
                LocalDate.of(2026, 4, 1)));

        mvc.perform(post("/records/disposal").with(csrf())).andExpect(status().isConflict())
                .andExpect(content().string(allOf(containsString("id=\"draw-error\""),
                        containsString("2026-04-01 に廃棄できる記録はありません。"))));
    }

    @Test
    void theDrawersOwnApprovalIsRefusedOnTheListsFormNotAsAnErrorPage() throws Exception {
        signedInAs(Role.AUDITOR);
        when(disposals.recent(any(), anyInt())).thenReturn(List.of(drawn("aya")));
        when(disposals.approve(any(), eq(4L), eq("確認しました"))).thenThrow(NotPermittedException.secondPerson(
                "disposal.samePerson", "a second person decides", "aya"));

        mvc.perform(post("/records/disposal/4/approve").with(csrf()).param("comment", "確認しました"))
                .andExpect(status().isForbidden()).andExpect(content().string(allOf(
                        containsString("<h1>廃棄リスト</h1>"), containsString("id=\"list-4-error\""),
                        containsString("廃棄リストは作成者以外の人が決定します（作成者: aya）。"),
                        containsString(">確認しました</textarea>"))));
    }

    @Test
    void aRefusalWithItsCommentGoesToTheDomain() throws Exception {
        signedInAs(Role.ADMIN);

        mvc.perform(post("/records/disposal/4/refuse").with(csrf()).param("comment", "対象に誤りがある"))
                .andExpect(redirectedUrl("/records/disposal#list-4"))
                .andExpect(flash().attribute("flash", "flash.disposalListRefused"));
        verify(disposals).refuse(any(), eq(4L), eq("対象に誤りがある"));
        verify(disposals, never()).approve(any(), anyLong(), any());
    }

    @Test
    void someoneWhoDoesNotAuditGetsTheErrorPageWith403() throws Exception {
        signedInAs(Role.POSTER);
        NotPermittedException refusal = new NotPermittedException("records.notAuditor", "auditors only");
        when(disposals.recent(any(), anyInt())).thenThrow(refusal);
        when(disposals.draw(any())).thenThrow(refusal);

        mvc.perform(get("/records/disposal")).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("記録を扱えるのは監査担当と管理者だけです。")));
        mvc.perform(post("/records/disposal").with(csrf())).andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("id=\"draw-error\""))));
    }

    private static RecordView record(PostRecord.Hold hold) {
        return new RecordView(POST, "APPROVED", PostCategory.EVENT, "NORMAL", 2, "taro", SENT,
                new RecordView.Retention(RetentionClass.ONE_YEAR, SENT, LocalDate.of(2025, 4, 1),
                        LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 1)),
                hold, null, "<b>夏祭り</b>のお知らせ", List.of(), null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    private static DisposalList drawn(String by) {
        return new DisposalList(4, LocalDate.of(2026, 4, 1), DisposalList.Status.DRAWN, by,
                Instant.parse("2026-04-01T01:00:00Z"), null, null, null,
                List.of(new DisposalList.Item(POST, LocalDate.of(2026, 4, 1), null)));
    }

    private static DisposalList decided() {
        return new DisposalList(3, LocalDate.of(2026, 3, 1), DisposalList.Status.APPROVED, "kenji",
                Instant.parse("2026-03-01T01:00:00Z"), "saki", Instant.parse("2026-04-02T01:00:00Z"), "保存期間満了",
                List.of(new DisposalList.Item(UUID.randomUUID(), LocalDate.of(2026, 3, 1),
                        DisposalList.Outcome.DISPOSED)));
    }
}
