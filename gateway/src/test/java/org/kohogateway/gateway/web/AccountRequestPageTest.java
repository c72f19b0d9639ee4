package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The account request form: input the form cannot use is shown on the form again with the reason (400), a refusal
 * of the person is the error page (403), and only an admin chooses the owning department.
 */
@PageSlice(AccountRequestPagesController.class)
class AccountRequestPageTest extends SignedInPage {

    @MockitoBean
    private AccountWorkflow accountWorkflow;

    @Test
    void aPlatformTheGatewayDoesNotKnowIsShownOnTheFormWithoutDraftingAnything() throws Exception {
        signedInAs(Role.POSTER);

        mvc.perform(post("/accounts").with(csrf()).param("platform", "MYSPACE").param("name", "けんこう通信"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("ソーシャルメディアの種類を指定してください。")))
                .andExpect(content().string(containsString("けんこう通信")));
        verify(accountWorkflow, never()).draft(any(), any(), any(), any());
    }

    @Test
    void aRefusalOfThePersonIsTheErrorPageNotAFormError() throws Exception {
        signedInAs(Role.AUDITOR);
        when(accountWorkflow.draft(any(), any(), any(), any()))
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
