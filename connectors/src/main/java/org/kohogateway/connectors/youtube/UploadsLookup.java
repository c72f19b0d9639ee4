package org.kohogateway.connectors.youtube;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.PostText;
import org.kohogateway.connectors.RecentMatches;

import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.model.Channel;
import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemListResponse;
import com.google.api.services.youtube.model.PlaylistItemSnippet;

/**
 * Finds a video among the channel's uploads by its description, for a delivery whose upload ended
 * {@link org.kohogateway.connectors.PublishOutcome.Unknown}: {@code channels.list} names the channel's uploads
 * playlist, whose {@code playlistItems.list} pages run newest first (each 1 quota unit), carrying each video's
 * description and the time it was uploaded. Private and scheduled videos are listed too, since the owner asks.
 */
final class UploadsLookup {

    static final int PAGE_SIZE = 50;
    static final int MAX_PAGES = 4;

    private final GoogleAccess access;

    UploadsLookup(GoogleAccess access) {
        this.access = access;
    }

    FindOutcome find(String text, Instant since, Set<String> excludedPostIds) {
        if (text.isBlank()) {
            return new FindOutcome.Failed("nothing to look for: the text is empty");
        }
        String description = VideoPost.description(text);
        RecentMatches matches = new RecentMatches(since, excludedPostIds);
        try {
            access.ensureToken();
            String uploads = uploadsPlaylist();
            if (uploads == null) {
                return new FindOutcome.Failed("YouTube names no uploads playlist for the channel");
            }
            String page = null;
            for (int read = 0; read < MAX_PAGES; read++) {
                PlaylistItemListResponse answer = access.youtube().playlistItems().list(List.of("snippet"))
                        .setPlaylistId(uploads).setMaxResults((long) PAGE_SIZE).setPageToken(page).execute();
                boolean older = false;
                for (PlaylistItem item : answer.getItems() == null ? List.<PlaylistItem>of() : answer.getItems()) {
                    PlaylistItemSnippet snippet = item.getSnippet();
                    Optional<Instant> at = uploadedAt(snippet);
                    older |= at.isPresent() && at.get().isBefore(since);
                    String videoId = snippet == null || snippet.getResourceId() == null ? null
                            : snippet.getResourceId().getVideoId();
                    if (videoId != null && PostText.matches(snippet.getDescription(), description)) {
                        matches.add(videoId, at);
                    }
                }
                page = answer.getNextPageToken();
                if (older || page == null) {
                    return matches.outcome();
                }
            }
            return matches.incomplete("too many uploads since " + since + " to read through (more than "
                    + MAX_PAGES * PAGE_SIZE + ")");
        } catch (GoogleAccess.TokenFailure e) {
            return new FindOutcome.Failed(e.getMessage());
        } catch (IOException e) {
            return matches.incomplete("the look-up among the channel's uploads failed: "
                    + YouTubeFailures.Failure.of(e).description());
        } catch (RuntimeException e) {
            return matches.incomplete("YouTube's list of uploads could not be read: " + e);
        }
    }

    private @Nullable String uploadsPlaylist() throws IOException {
        ChannelListResponse channels = access.youtube().channels().list(List.of("contentDetails")).setMine(true)
                .execute();
        if (channels.getItems() == null || channels.getItems().isEmpty()) {
            return null;
        }
        Channel channel = channels.getItems().get(0);
        return channel.getContentDetails() == null || channel.getContentDetails().getRelatedPlaylists() == null ? null
                : channel.getContentDetails().getRelatedPlaylists().getUploads();
    }

    private static Optional<Instant> uploadedAt(@Nullable PlaylistItemSnippet snippet) {
        DateTime at = snippet == null ? null : snippet.getPublishedAt();
        return at == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at.getValue()));
    }
}
