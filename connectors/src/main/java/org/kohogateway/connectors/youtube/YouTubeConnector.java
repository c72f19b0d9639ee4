package org.kohogateway.connectors.youtube;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoListResponse;
import com.google.api.services.youtube.model.VideoStatus;

/**
 * A YouTube channel through the Data API v3 and Google's Java client ({@code google-api-services-youtube}).
 *
 * <p>A post is one video with the post's first line as its title and its text as the description ({@link VideoPost}),
 * uploaded with the resumable protocol ({@link VideoUpload}). With an approved time ({@link Publication#publishAt()})
 * it is uploaded {@code private} with {@code status.publishAt} at that time, so that YouTube makes it public on time even
 * if the gateway is down then; {@link #holdBack} undoes that before the time. Category and playlist come from the
 * account's policy ({@link YouTubeSettings}). Text-only posts are refused: YouTube's community posts are not available
 * through the API.
 *
 * <p>Replies: the API has no comment setting for a video ({@code status} has none, and {@code videos.insert} takes no
 * such parameter), so a no-reply policy is kept by the channel's default in YouTube Studio (Settings, Community, comments
 * off or held for review): {@link #NO_REPLY_NOTICE}.
 *
 * <p>Exactly once: the upload's last chunk is the one request that makes the video, and its lost answer is
 * {@link PublishOutcome.Unknown}; {@link #findRecent} looks for the video among the channel's uploads.
 */
public final class YouTubeConnector implements PlatformConnector {

    private static final Logger log = LoggerFactory.getLogger(YouTubeConnector.class);

    /** A YouTube video id: eleven characters of URL-safe base64. */
    static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");

    /** What the gateway shows for a YouTube account whose policy forbids replies. */
    public static final String NO_REPLY_NOTICE = "The YouTube Data API cannot turn comments off for a video: set the "
            + "channel's default in YouTube Studio (Settings > Community) to comments off or held for review";

    private final Platform platform;
    private final GoogleAccess access;
    private final VideoUpload upload;
    private final UploadsLookup lookup;

    /**
     * @param platform the value the gateway registers this connector under ({@code Platform.YOUTUBE}), which
     *                 {@link #platform()} answers
     * @param clock    when a video is scheduled from, and when the quota resets
     */
    public YouTubeConnector(YouTubeSettings settings, Platform platform, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.platform = Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(clock, "clock");
        this.access = new GoogleAccess(settings, clock);
        this.upload = new VideoUpload(access, settings, clock);
        this.lookup = new UploadsLookup(access);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    /** False: a new upload makes a new video, whatever became of an earlier one. */
    @Override
    public boolean deduplicatesRetries() {
        return false;
    }

    /** Asks {@code mayContinue} before the upload starts and between its chunks, so a pause stops short of the video. */
    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        VideoPost post = VideoPost.of(publication);
        PublishOutcome outcome = post.refusal() != null ? post.refusal() : upload.upload(post, publication, mayContinue);
        return OutcomeLog.logged(log, "YouTube video", publication, outcome);
    }

    /** {@code videos.delete}; a video YouTube no longer has is reported as not found, for good. */
    @Override
    public DeleteOutcome delete(String platformPostId) {
        if (platformPostId == null || !VIDEO_ID.matcher(platformPostId).matches()) {
            return new DeleteOutcome.Failed("not a YouTube video id: '" + platformPostId + "'", false);
        }
        try {
            access.ensureToken();
            access.youtube().videos().delete(platformPostId).execute();
            return new DeleteOutcome.Deleted();
        } catch (GoogleAccess.TokenFailure e) {
            return new DeleteOutcome.Failed(e.getMessage(), !e.refused());
        } catch (IOException e) {
            YouTubeFailures.Failure failure = YouTubeFailures.Failure.of(e);
            return new DeleteOutcome.Failed(failure.description(), retryable(failure));
        }
    }

    /**
     * Holds a scheduled video back before its {@code publishAt}: {@code videos.update} writes its status back private
     * with no time to publish (the update replaces the whole status part, so the rest of it is written back as read).
     */
    public ScheduleChange holdBack(String videoId) {
        if (videoId == null || !VIDEO_ID.matcher(videoId).matches()) {
            return new ScheduleChange.Failed("not a YouTube video id: '" + videoId + "'", false);
        }
        try {
            access.ensureToken();
            VideoListResponse found = access.youtube().videos().list(List.of("status")).setId(List.of(videoId))
                    .execute();
            if (found.getItems() == null || found.getItems().isEmpty() || found.getItems().get(0).getStatus() == null) {
                return new ScheduleChange.Failed("YouTube has no video " + videoId + " on this channel", false);
            }
            VideoStatus status = found.getItems().get(0).getStatus();
            if (!"private".equals(status.getPrivacyStatus())) {
                return new ScheduleChange.AlreadyPublic(videoId);
            }
            if (status.getPublishAt() == null) {
                return new ScheduleChange.NotScheduled(videoId);
            }
            Instant was = Instant.ofEpochMilli(status.getPublishAt().getValue());
            status.setPublishAt(null);
            access.youtube().videos().update(List.of("status"), new Video().setId(videoId).setStatus(status))
                    .execute();
            log.info("YouTube video {} held back: private, no longer scheduled for {}", videoId, was);
            return new ScheduleChange.Held(videoId, was);
        } catch (GoogleAccess.TokenFailure e) {
            return new ScheduleChange.Failed(e.getMessage(), !e.refused());
        } catch (IOException e) {
            YouTubeFailures.Failure failure = YouTubeFailures.Failure.of(e);
            return new ScheduleChange.Failed(failure.description(), retryable(failure));
        }
    }

    /**
     * The channel as {@code channels.list(mine=true)} shows it: its title and description. The links a channel shows
     * on its page are not in the API, so the homepage must be in the description to be seen.
     */
    @Override
    public ProfileReading readProfile() {
        try {
            access.ensureToken();
            ChannelListResponse answer = access.youtube().channels().list(List.of("snippet")).setMine(true).execute();
            if (answer.getItems() == null || answer.getItems().isEmpty() || answer.getItems().get(0).getSnippet() == null) {
                return new ProfileReading.Failed("the credentials' Google account has no YouTube channel");
            }
            Channel channel = answer.getItems().get(0);
            String title = channel.getSnippet().getTitle();
            String description = channel.getSnippet().getDescription();
            return new ProfileReading.Profile(title == null ? "" : title, description == null ? "" : description,
                    Optional.empty());
        } catch (GoogleAccess.TokenFailure e) {
            return new ProfileReading.Failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new ProfileReading.Failed(e instanceof IOException io ? YouTubeFailures.Failure.of(io).description()
                    : "YouTube's answer about the channel could not be read: " + e);
        }
    }

    /** Looks for the video among the channel's uploads since {@code since} by its description ({@link UploadsLookup}). */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return lookup.find(text, since, excludedPostIds);
    }

    private static boolean retryable(YouTubeFailures.Failure failure) {
        return failure.status() == 0 || failure.status() >= 500 || failure.status() == 429 || failure.quota();
    }
}
