package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The account request form: input the form cannot use is shown on the form again with the reason (400), a refusal
 * of the person is the error page (403), and only an admin chooses the owning department.
 */
@PageSlice(AccountRequestPagesController.class)
@WithMockUser("aya")
class AccountRequestPageTest {

    private static final Department HEALTH = new Department(2, "health", "健康推進課", false);

    @Autowired
    private MockMvc mvc;
    @Autowired
    private StaffDirectory staff;
    @MockitoBean
    private AccountWorkflow workflow;

    private void signedInAs(Role... roles) {
        when(staff.byUsername("aya")).thenReturn(new Staff(7, "aya", "健康 あや", HEALTH.id(), Set.of(roles)));
        when(staff.department(anyLong())).thenReturn(HEALTH);
        when(staff.departments()).thenReturn(List.of(HEALTH));
    }

    @Test
    void aPlatformTheGatewayDoesNotKnowIsShownOnTheFormWithoutDraftingAnything() throws Exception {
        signedInAs(Role.POSTER);

        mvc.perform(post("/accounts").with(csrf()).param("platform", "MYSPACE").param("name", "けんこう通信"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("ソーシャルメディアの種類を指定してください。")))
                .andExpect(content().string(containsString("けんこう通信")));
        verify(workflow, never()).draft(any(), any(), any(), any());
    }

    @Test
    void aRefusalOfThePersonIsTheErrorPageNotAFormError() throws Exception {
        signedInAs(Role.AUDITOR);
        when(workflow.draft(any(), any(), any(), any()))
                .thenThrow(new NotPermittedException("account.notManager", "not a manager"));

        mvc.perform(post("/accounts").with(csrf()).param("platform", "X").param("departmentId", "2"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("id=\"department-form\""))));
    }

    @Test
    void onlyAnAdminChoosesTheOwningDepartment() throws Exception {
        signedInAs(Role.POSTER);
        mvc.perform(get("/accounts/new")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"department-form\""))));

        signedInAs(Role.ADMIN);
        mvc.perform(get("/accounts/new")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"department-form\"")));
    }
}
