package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * The compose form's errors: what the post's rules refuse is shown on the form with the text kept, so the author
 * corrects it there (422); a refusal of the person is no form error but the error page (403).
 */
@PageSlice(PostPagesController.class)
class ComposePageTest extends SignedInPage {

    @BeforeEach
    void signIn() {
        signedInAs(Role.POSTER);
    }

    @Test
    void aPostWithoutATargetAccountIsShownAgainWithTheReasonAndItsTextKept() throws Exception {
        when(workflow.create(any(), any()))
                .thenThrow(new InvalidRequestException("post.noTargets", "a post needs at least one target account"));

        mvc.perform(post("/posts").with(csrf()).param("text", "健診の予約が始まりました").param("action", "submit"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("投稿先アカウントを 1 つ以上選んでください。")))
                .andExpect(content().string(containsString("健診の予約が始まりました</textarea>")));
        verify(workflow, never()).submit(any(), any());
    }

    @Test
    void anAccountThePersonDoesNotOperateIsTheErrorPageNotAFormError() throws Exception {
        when(workflow.create(any(), any()))
                .thenThrow(new NotPermittedException("post.accountNotYours", "not an operator", "けんこう通信"));

        mvc.perform(post("/posts").with(csrf()).param("text", "健診の予約が始まりました").param("accountIds", "3"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("<textarea"))));
    }
}
