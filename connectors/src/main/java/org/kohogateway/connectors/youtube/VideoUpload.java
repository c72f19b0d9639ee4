package org.kohogateway.connectors.youtube;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.UploadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.api.client.googleapis.media.MediaHttpUploader;
import com.google.api.client.http.InputStreamContent;
import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemSnippet;
import com.google.api.services.youtube.model.ResourceId;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;

/**
 * One video's upload through {@code videos.insert} with the resumable protocol ({@link MediaHttpUploader}): a request
 * that starts the upload and names the video's metadata, then the bytes in chunks, each answered {@code 308} with the
 * {@code Range} received until the last, which is answered with the video.
 *
 * <p>Only the last chunk can make the video: until then YouTube holds an incomplete upload that no one sees and that
 * expires. So a failure at the start or at an earlier chunk is {@link PublishOutcome.Transient}, and a lost answer to
 * the last one (after resuming has also failed) is {@link PublishOutcome.Unknown}. Between chunks the account's pause is
 * asked, and stops the upload short of the video.
 */
final class VideoUpload {

    private static final Logger log = LoggerFactory.getLogger(VideoUpload.class);

    /** YouTube refuses a {@code publishAt} that is not in the future; closer than this, the video is public at once. */
    static final Duration MIN_SCHEDULE_AHEAD = Duration.ofMinutes(2);

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final GoogleAccess access;
    private final YouTubeSettings settings;
    private final Clock clock;

    VideoUpload(GoogleAccess access, YouTubeSettings settings, Clock clock) {
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    PublishOutcome upload(VideoPost post, Publication publication, BooleanSupplier mayContinue) {
        MediaItem item = post.requireVideo();
        UploadStream bytes;
        try {
            bytes = UploadStream.open(item);
        } catch (IOException e) {
            String reason = "could not read the approved video: " + e.getMessage() + "; nothing was published";
            return e instanceof MediaItem.Unavailable ? new PublishOutcome.Permanent(reason)
                    : new PublishOutcome.Transient(reason, Optional.empty());
        }
        try (bytes) {
            try {
                access.ensureToken();
            } catch (GoogleAccess.TokenFailure e) {
                return e.refused() ? new PublishOutcome.Permanent(e.getMessage() + "; nothing was published",
                        Optional.of(PublishOutcome.AccountTrouble.CREDENTIALS))
                        : new PublishOutcome.Transient(e.getMessage() + "; nothing was published", Optional.empty());
            }
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before the video's upload");
            }
            InputStreamContent content = new InputStreamContent(item.contentType(), bytes.body()).setLength(item.bytes());
            YouTube.Videos.Insert insert;
            try {
                insert = access.youtube().videos().insert(List.of("snippet", "status"), video(post, publication), content);
            } catch (IOException e) {
                return YouTubeFailures.Failure.of(e).beforeTheVideo(clock, "nothing was published");
            }
            MediaHttpUploader uploader = insert.getMediaHttpUploader().setDirectUploadEnabled(false)
                    .setChunkSize(settings.chunkSize());
            uploader.setProgressListener(progress -> {
                MediaHttpUploader.UploadState state = progress.getUploadState();
                boolean beforeAChunk = state == MediaHttpUploader.UploadState.INITIATION_COMPLETE
                        || state == MediaHttpUploader.UploadState.MEDIA_IN_PROGRESS;
                if (beforeAChunk && !mayContinue.getAsBoolean()) {
                    throw new Paused(progress.getNumBytesUploaded());
                }
            });
            return sent(insert, uploader, item.bytes());
        }
    }

    private PublishOutcome sent(YouTube.Videos.Insert insert, MediaHttpUploader uploader, long size) {
        Video made;
        try {
            made = insert.execute();
        } catch (Paused e) {
            return PublishOutcome.stoppedByPause("after " + e.received + " of the video's " + size + " bytes");
        } catch (IOException | RuntimeException e) {
            if (!lastChunkLeft(uploader, size)) {
                return (e instanceof IOException io ? YouTubeFailures.Failure.of(io)
                        : new YouTubeFailures.Failure(0, List.of(), "the upload failed: " + e, false))
                        .beforeTheVideo(clock, "the upload stopped before its last bytes, so no video was made");
            }
            if (e instanceof IOException io) {
                return YouTubeFailures.Failure.of(io).atTheLastChunk(clock);
            }
            return new PublishOutcome.Unknown("YouTube's answer to the video's last bytes could not be read: " + e);
        }
        String id = made == null ? null : made.getId();
        if (id == null || !YouTubeConnector.VIDEO_ID.matcher(id).matches()) {
            return new PublishOutcome.Unknown("YouTube answered the video's last bytes without a video id");
        }
        settings.playlistId().ifPresent(playlist -> addToPlaylist(id, playlist));
        return new PublishOutcome.Published(id);
    }

    /**
     * Whether the request in flight when the upload failed carried the video's last bytes: the upload had started and
     * what YouTube had confirmed plus one chunk reaches the end. Before that no video can exist.
     */
    private boolean lastChunkLeft(MediaHttpUploader uploader, long size) {
        MediaHttpUploader.UploadState state = uploader.getUploadState();
        return state == MediaHttpUploader.UploadState.MEDIA_COMPLETE
                || (state == MediaHttpUploader.UploadState.INITIATION_COMPLETE
                        || state == MediaHttpUploader.UploadState.MEDIA_IN_PROGRESS)
                        && uploader.getNumBytesUploaded() + settings.chunkSize() >= size;
    }

    private Video video(VideoPost post, Publication publication) {
        VideoSnippet snippet = new VideoSnippet().setTitle(post.title()).setDescription(post.description())
                .setCategoryId(settings.categoryId());
        VideoStatus status = new VideoStatus().setSelfDeclaredMadeForKids(false);
        Instant publishAt = scheduled(publication.publishAt());
        if (publishAt == null) {
            status.setPrivacyStatus("public");
        } else {
            status.setPrivacyStatus("private").setPublishAt(new DateTime(Date.from(publishAt), UTC));
        }
        return new Video().setSnippet(snippet).setStatus(status);
    }

    /** The approved time if it is far enough ahead for YouTube to hold the video until then. */
    private @Nullable Instant scheduled(@Nullable Instant publishAt) {
        return publishAt != null && publishAt.isAfter(clock.instant().plus(MIN_SCHEDULE_AHEAD)) ? publishAt : null;
    }

    /**
     * The account policy's playlist: {@code playlistItems.insert}, never repeated (a repeat would list the video twice).
     * The video exists whatever this answers, so a failure is logged for someone to add it by hand.
     */
    private void addToPlaylist(String videoId, String playlistId) {
        PlaylistItem item = new PlaylistItem().setSnippet(new PlaylistItemSnippet().setPlaylistId(playlistId)
                .setResourceId(new ResourceId().setKind("youtube#video").setVideoId(videoId)));
        try {
            access.youtube().playlistItems().insert(List.of("snippet"), item).execute();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? YouTubeFailures.Failure.of(io).description() : e.toString();
            log.warn("YouTube video {} is uploaded but was not added to playlist {}: {}", videoId, playlistId, why);
        }
    }

    /** The account was paused between two chunks: the upload stops, and YouTube never makes the video. */
    private static final class Paused extends IOException {

        private final long received;

        Paused(long received) {
            super("paused after " + received + " bytes", null);
            this.received = received;
        }
    }
}
