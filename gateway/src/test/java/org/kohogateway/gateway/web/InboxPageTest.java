package org.kohogateway.gateway.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.PostReview;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The menu a page shows is the domain's answer for the person ({@link Staff}'s questions): an approver is offered the
 * inbox and the account reviews, a poster the compose form, and neither the other's entries nor the admin's.
 */
@PageSlice(InboxPagesController.class)
@WithMockUser("aya")
class InboxPageTest {

    private static final Department HEALTH = new Department(2, "health", "健康推進課", false);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private StaffDirectory staff;
    @Autowired
    private PostWorkflow workflow;
    @MockitoBean
    private PostReview review;

    private void signedInAs(Role... roles) {
        Staff aya = new Staff(7, "aya", "健康 あや", HEALTH.id(), Set.of(roles));
        when(staff.byUsername("aya")).thenReturn(aya);
        when(staff.department(anyLong())).thenReturn(HEALTH);
        when(workflow.inbox(any(), any())).thenReturn(List.of());
    }

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
