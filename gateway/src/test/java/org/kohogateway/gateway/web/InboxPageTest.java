package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostContent;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.post.PostReview;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The menu a page shows is the domain's answer for the person ({@link Staff}'s questions): an approver is offered the
 * inbox and the account reviews, a poster the compose form, and neither the other's entries nor the admin's.
 */
@PageSlice(InboxPagesController.class)
class InboxPageTest extends SignedInPage {

    @MockitoBean
    private PostReview review;

    @Test
    void anApproverIsOfferedTheInboxAndTheAccountReviewsButNotTheComposeForm() throws Exception {
        signedInAs(Role.APPROVER);

        mvc.perform(get("/inbox")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/inbox\"")))
                .andExpect(content().string(containsString("href=\"/accounts/reviews\"")))
                .andExpect(content().string(containsString("href=\"/accounts\"")))
                .andExpect(content().string(not(containsString("href=\"/compose\""))))
                .andExpect(content().string(not(containsString("href=\"/press-release\""))))
                .andExpect(content().string(not(containsString("href=\"/admin/staff\""))));
    }

    @Test
    void aPosterIsOfferedTheComposeFormButNotTheInbox() throws Exception {
        signedInAs(Role.POSTER);

        mvc.perform(get("/inbox")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/compose\"")))
                .andExpect(content().string(containsString("href=\"/imports\"")))
                .andExpect(content().string(not(containsString("href=\"/inbox\""))))
                .andExpect(content().string(not(containsString("href=\"/incidents\""))));
    }

    @Test
    void aPrOfficerIsOfferedThePressReleaseAndThePausesAndAnAdminTheStaff() throws Exception {
        signedInAs(Role.PR_OFFICER);
        mvc.perform(get("/inbox"))
                .andExpect(content().string(containsString("href=\"/press-release\"")))
                .andExpect(content().string(containsString("href=\"/admin/accounts\"")))
                .andExpect(content().string(not(containsString("href=\"/admin/staff\""))));

        signedInAs(Role.ADMIN);
        mvc.perform(get("/inbox"))
                .andExpect(content().string(containsString("href=\"/admin/staff\"")))
                .andExpect(content().string(containsString("href=\"/audit\"")))
                .andExpect(content().string(not(containsString("href=\"/press-release\""))));
    }

    @Test
    void aDrillWaitingForADecisionIsMarkedInWordsInItsHeadingAndItsBanner() throws Exception {
        signedInAs(Role.APPROVER);
        Post drill = mock(Post.class);
        when(drill.id()).thenReturn(PostId.random());
        when(drill.authorId()).thenReturn(3L);
        when(drill.accountIds()).thenReturn(List.of());
        when(drill.route()).thenReturn(ApprovalRoute.DEPARTMENT);
        when(drill.contentHash()).thenReturn("hash");
        when(drill.drill()).thenReturn(true);
        when(drill.content()).thenReturn(PostContent.text("【訓練】避難指示", PostCategory.EMERGENCY));
        when(staff.byId(3L)).thenReturn(new Staff(3, "poster", "防災 太郎", HEALTH.id(), Set.of(Role.POSTER)));
        when(workflow.inbox(eq("aya"), any(Readers.class))).thenReturn(List.of(drill));
        when(review.findings(List.of(drill))).thenReturn(List.of(List.<Finding>of()));

        mvc.perform(get("/inbox")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<strong class=\"drill-badge\">訓練 DRILL</strong>")))
                .andExpect(content().string(containsString("role=\"note\" aria-label=\"訓練 / DRILL\"")));
    }
}
