package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
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
}
