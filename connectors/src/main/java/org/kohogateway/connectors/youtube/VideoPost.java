package org.kohogateway.connectors.youtube;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

/**
 * What a publication becomes on YouTube: one video with a title and a description, or the reason it cannot be one.
 *
 * <p>The title is the post's first line that is not blank, cut to {@value #MAX_TITLE} characters; the description is
 * the whole text with its links, at most {@value #MAX_DESCRIPTION_BYTES} bytes in UTF-8 (the API's limits). The API
 * refuses {@code <} and {@code >} in both, so they become their full-width forms, which read the same.
 *
 * @param refusal why nothing can be uploaded, or {@code null} when {@code video} is set
 */
record VideoPost(@Nullable MediaItem video, String title, String description, PublishOutcome.@Nullable Permanent refusal) {

    static final int MAX_TITLE = 100;
    static final int MAX_DESCRIPTION_BYTES = 5000;
    static final String NOT_A_VIDEO = "YouTube posts are videos; community posts are not available through the API";

    static VideoPost of(Publication publication) {
        if (publication.refersToAnotherPost()) {
            return refused("the YouTube connector does not answer or quote other posts: it would publish a "
                    + "standalone video instead of what was approved");
        }
        if (publication.media().isEmpty()) {
            return refused(NOT_A_VIDEO + "; this post has no video");
        }
        if (publication.media().size() > 1) {
            return refused("a YouTube post is one video, not " + publication.media().size() + " media items");
        }
        MediaItem video = publication.media().get(0);
        String type = video.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("video/")) {
            return refused(NOT_A_VIDEO + "; " + video.contentType() + " is not a video");
        }
        if (video.bytes() <= 0) {
            return refused("the approved video has no bytes");
        }
        String description = description(publication);
        String title = title(publication.text());
        if (title.isEmpty()) {
            return refused("a YouTube video needs a title, and the post's text has no line to take it from");
        }
        int bytes = description.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_DESCRIPTION_BYTES) {
            return refused("a YouTube description is at most " + MAX_DESCRIPTION_BYTES + " bytes in UTF-8, this one "
                    + bytes);
        }
        return new VideoPost(video, title, description, null);
    }

    /** The description the connector writes for a post's text and links: also what a look-up compares with. */
    static String description(Publication publication) {
        return description(PlatformText.withLinks(publication.text(), publication.links()));
    }

    static String description(String text) {
        return PlatformText.youTubeDescription(text);
    }

    /** The first line that is not blank, cut to {@value #MAX_TITLE} characters (code points) with an ellipsis. */
    static String title(String text) {
        String line = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        line = PlatformText.youTubeDescription(line);
        if (line.codePointCount(0, line.length()) <= MAX_TITLE) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_TITLE - 1)) + "…";
    }

    private static VideoPost refused(String reason) {
        return new VideoPost(null, "", "", new PublishOutcome.Permanent(reason));
    }

    MediaItem requireVideo() {
        return Objects.requireNonNull(video, "video");
    }
}
