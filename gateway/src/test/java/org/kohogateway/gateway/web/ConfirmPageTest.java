package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostContent;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The confirmation of a filled template (issue 22, the Yatomi case): each account it goes to by name and platform,
 * with the text exactly as that platform receives it, and the confirm button for anyone but whoever filled it.
 */
@PageSlice(ConfirmPagesController.class)
class ConfirmPageTest extends SignedInPage {

    private static final String TEXT = "【避難指示】14時05分、江津地区に避難指示を発令しました。";

    @Autowired
    private OfficialAccounts accounts;

    @Test
    void theConfirmationShowsEachAccountByNameAndPlatformWithTheTextAsSent() throws Exception {
        signedInAs(Role.POSTER);
        Post post = post(99);

        mvc.perform(get("/posts/{id}/confirm", post.id().value())).andExpect(status().isOk())
                .andExpect(content().string(containsString("江津市防災 X")))
                .andExpect(content().string(containsString("X")))
                .andExpect(content().string(containsString(TEXT + "\nhttps://www.city.gotsu.lg.jp/bousai/")))
                .andExpect(content().string(containsString("id=\"confirm\"")))
                .andExpect(content().string(containsString("name=\"contentHash\" value=\"hash-1\"")));
    }

    @Test
    void whoeverFilledItIsNotOfferedTheConfirmButton() throws Exception {
        signedInAs(Role.POSTER);
        Post post = post(7);

        mvc.perform(get("/posts/{id}/confirm", post.id().value())).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"confirm\""))));
    }

    @Test
    void aDrillSaysSoInWordsAboveWhatItWouldSend() throws Exception {
        signedInAs(Role.POSTER);
        Post post = post(99);
        when(post.drill()).thenReturn(true);

        mvc.perform(get("/posts/{id}/confirm", post.id().value())).andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"drill-banner\" role=\"note\" aria-label=\"訓練 / DRILL\"")))
                .andExpect(content().string(containsString("公開アカウントには送信されません")));
    }

    @Test
    void aLivePostShowsNoDrillBanner() throws Exception {
        signedInAs(Role.POSTER);
        Post post = post(99);

        mvc.perform(get("/posts/{id}/confirm", post.id().value())).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("drill-banner"))));
    }

    private Post post(long authorId) {
        OfficialAccount account = mock(OfficialAccount.class);
        when(account.id()).thenReturn(5L);
        when(account.name()).thenReturn("江津市防災 X");
        when(account.platform()).thenReturn(Platform.X);
        when(accounts.get(5L)).thenReturn(account);
        Post post = mock(Post.class);
        PostId id = PostId.random();
        when(post.id()).thenReturn(id);
        when(post.authorId()).thenReturn(authorId);
        when(post.accountIds()).thenReturn(List.of(5L));
        when(post.status()).thenReturn(PostStatus.SUBMITTED);
        when(post.route()).thenReturn(ApprovalRoute.TEMPLATE_CONFIRM);
        when(post.contentHash()).thenReturn("hash-1");
        when(post.content()).thenReturn(new PostContent(TEXT, List.of(URI.create("https://www.city.gotsu.lg.jp/bousai/")),
                PostCategory.EMERGENCY, List.of(), null, null, null));
        when(workflow.get(any(PostId.class), any(Readers.class))).thenReturn(post);
        return post;
    }
}
