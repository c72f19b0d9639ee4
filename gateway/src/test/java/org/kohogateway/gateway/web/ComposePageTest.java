package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.mockito.ArgumentCaptor;

/**
 * The compose form's errors: what the post's rules refuse is shown on the form with the text kept, so the author
 * corrects it there (422); a refusal of the person is no form error but the error page (403).
 */
@PageSlice(PostPagesController.class)
class ComposePageTest extends ComposingPage {

    @org.springframework.beans.factory.annotation.Autowired
    OfficialAccounts accounts;

    @Test
    void aYouTubeAccountSaysItsPostsAreVideosAndThatCommunityPostsAreNotAvailableThroughTheApi() throws Exception {
        OfficialAccount youtube = org.mockito.Mockito.mock(OfficialAccount.class);
        when(youtube.id()).thenReturn(9L);
        when(youtube.name()).thenReturn("江津市 公式 YouTube");
        when(youtube.platform()).thenReturn(Platform.YOUTUBE);
        when(accounts.choosableBy(any())).thenReturn(List.of(youtube));

        mvc.perform(get("/compose"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("江津市 公式 YouTube")))
                .andExpect(content().string(containsString("YouTube の投稿は動画です。コミュニティ投稿は API では作れません")));
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
    void theChosenPhotosAndTheirAltTextsBecomeThePostsImagesInTheOrderShown() throws Exception {
        when(workflow.create(any(), any())).thenThrow(new InvalidRequestException("post.noTargets", "no targets"));

        mvc.perform(post("/posts").with(csrf()).param("text", "秋祭り").param("mediaIds[0]", "12")
                        .param("mediaAlts[0]", "山車, 境内にて").param("mediaIds[1]", "5").param("mediaAlts[1]", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("/media/12/thumbnail")))
                .andExpect(content().string(containsString("山車, 境内にて</textarea>")));

        ArgumentCaptor<NewPost> request = ArgumentCaptor.forClass(NewPost.class);
        verify(workflow).create(eq("aya"), request.capture());
        assertThat(request.getValue().media())
                .containsExactly(new MediaChoice(12, "山車, 境内にて"), new MediaChoice(5, ""));
        assertThat(request.getValue().mediaUrls()).isEmpty();
    }

    @Test
    void aPastedImageAddressIsFetchedOnceAndPostedAsAnUploadedImageNotAsAnAddress() throws Exception {
        when(library.fetch("aya", URI.create("https://www.city.example.jp/a.jpg"), ""))
                .thenReturn(new Media(31, "ab", "image/jpeg", 10, 4, 3, "cd", 5, "", "https://www.city.example.jp/a.jpg",
                        7, Instant.EPOCH));
        when(workflow.create(any(), any())).thenThrow(new InvalidRequestException("post.noTargets", "no targets"));

        mvc.perform(post("/posts").with(csrf()).param("text", "秋祭り").param("mediaIds[0]", "12")
                        .param("mediaAlts[0]", "山車").param("mediaUrl", "https://www.city.example.jp/a.jpg"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("/media/31/thumbnail")));

        ArgumentCaptor<NewPost> request = ArgumentCaptor.forClass(NewPost.class);
        verify(workflow).create(eq("aya"), request.capture());
        assertThat(request.getValue().media()).containsExactly(new MediaChoice(12, "山車"), new MediaChoice(31, ""));
        assertThat(request.getValue().mediaUrls()).isEmpty();
    }

    @Test
    void anImageAddressThatCannotBeFetchedIsAFormErrorNotAServerError() throws Exception {
        when(library.fetch(any(), any(), any())).thenThrow(new InvalidRequestException("media.fetchFailed",
                "could not fetch", "https://www.city.example.jp/a.jpg", "HTTP 404"));

        mvc.perform(post("/posts").with(csrf()).param("text", "秋祭り").param("mediaUrl",
                        "https://www.city.example.jp/a.jpg"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("の画像を取得できません")));
        verify(workflow, never()).create(any(), any());
    }

    @Test
    void aTickedDrillBoxMakesTheNewPostADrillAndStaysTickedOnTheForm() throws Exception {
        when(workflow.create(any(), any())).thenThrow(new InvalidRequestException("post.noTargets", "no targets"));

        mvc.perform(post("/posts").with(csrf()).param("text", "避難訓練のお知らせ").param("drill", "true"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("aria-describedby=\"drill-help\" checked=\"checked\"")))
                .andExpect(content().string(containsString("訓練として作成する / Drill")));
        ArgumentCaptor<NewPost> request = ArgumentCaptor.forClass(NewPost.class);
        verify(workflow).create(eq("aya"), request.capture());
        assertThat(request.getValue().drill()).isTrue();
    }

    @Test
    void anUntickedDrillBoxMakesALivePost() throws Exception {
        when(workflow.create(any(), any())).thenThrow(new InvalidRequestException("post.noTargets", "no targets"));

        mvc.perform(post("/posts").with(csrf()).param("text", "健診の予約が始まりました"));
        ArgumentCaptor<NewPost> request = ArgumentCaptor.forClass(NewPost.class);
        verify(workflow).create(eq("aya"), request.capture());
        assertThat(request.getValue().drill()).isFalse();
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
