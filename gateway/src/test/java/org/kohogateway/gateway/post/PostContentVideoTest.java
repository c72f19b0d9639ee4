package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A video is bound to the approval as an image is: other bytes under the same upload are another post to approve. */
class PostContentVideoTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @Test
    void anotherVideosBytesChangeTheContentHash() {
        assertThat(content(SHA_A).fingerprint(List.of(9L), null))
                .isEqualTo(content(SHA_A).fingerprint(List.of(9L), null))
                .isNotEqualTo(content(SHA_B).fingerprint(List.of(9L), null));
    }

    private static PostContent content(String sha) {
        return new PostContent("【江津市】花火大会のお知らせ", List.of(), PostCategory.EVENT, List.of(), null, null, null,
                List.of(new PostMedia(1, sha, "video/mp4", 40_000_000, 0, 0, "")));
    }
}
