package org.kohogateway.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.UnacceptableContentException;
import org.kohogateway.gateway.support.UnacceptableContentException.Reason;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The compose page's photo picker: an upload answers the photo's fragment with a labelled alt-text field; what the
 * domain refuses about the file is a message next to the picker with the refusal's status, never a server error.
 */
@PageSlice(ComposeMediaPagesController.class)
class ComposeMediaPageTest extends ComposingPage {

    @Test
    void anUploadedPhotoComesBackAsAThumbnailWithALabelledAltTextFieldAndItsButtons() throws Exception {
        when(library.upload(eq("aya"), any(), eq(""))).thenReturn(new Media(41, "ab", "image/jpeg", 10, 4, 3, "cd",
                5, "", null, 7, Instant.EPOCH));

        mvc.perform(multipart("/compose/media").file(photo("image/jpeg")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("src=\"/media/41/thumbnail\"")))
                .andExpect(content().string(containsString("<label for=\"alt-41\">代替テキスト（写真の説明）</label>")))
                .andExpect(content().string(containsString("name=\"mediaIds[0]\" value=\"41\"")))
                .andExpect(content().string(containsString("取り除く")));
    }

    @Test
    void aFileThatIsNotAPhotoIs415WithTheReasonNextToThePicker() throws Exception {
        when(library.upload(any(), any(), any())).thenThrow(new UnacceptableContentException(Reason.UNSUPPORTED_TYPE,
                "media.unsupportedType", "only JPEG and PNG images are taken"));

        mvc.perform(multipart("/compose/media").file(photo("image/gif")).with(csrf()))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().string(containsString("id=\"media-error\"")))
                .andExpect(content().string(containsString("JPEG または PNG の画像と、MP4 または QuickTime（MOV）の動画（YouTube 用）だけを受け付けます。")));
    }

    @Test
    void aPhotoOverTheLimitIs413AndAnUnreadableOneIs400BothAsMessages() throws Exception {
        when(library.upload(any(), any(), any()))
                .thenThrow(new UnacceptableContentException(Reason.TOO_LARGE, "media.tooLarge", "too large", 10))
                .thenThrow(new InvalidRequestException("media.undecodable", "cannot read", "EOF"));

        mvc.perform(multipart("/compose/media").file(photo("image/jpeg")).with(csrf()))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().string(containsString("画像は 10 バイトまでです。")));
        mvc.perform(multipart("/compose/media").file(photo("image/jpeg")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("画像を読み取れません（EOF）。")));
    }

    @Test
    void noFileIsAMessageToChooseOne() throws Exception {
        mvc.perform(multipart("/compose/media").with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("写真を選んでください。")));
    }

    @Test
    void someoneWhoMayNotBringImagesGetsTheErrorPage() throws Exception {
        when(library.upload(any(), any(), any()))
                .thenThrow(new NotPermittedException("media.notPoster", "needs POSTER"));

        mvc.perform(multipart("/compose/media").file(photo("image/jpeg")).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private static MockMultipartFile photo(String type) {
        return new MockMultipartFile("file", "photo.jpg", type, new byte[] {1, 2, 3});
    }
}
