package org.kohogateway.connectors.facebook;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PostText;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.UploadStream;
import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.connectors.graph.GraphJson;
import org.kohogateway.connectors.graph.GraphPostLookup;
import org.kohogateway.connectors.graph.GraphResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.BinaryAttachment;
import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.types.GraphResponse;

/**
 * A Facebook Page, reached through the Graph API ({@link GraphClient#API_VERSION}) with RestFB.
 *
 * <p>A publication becomes a post on the Page's feed: {@code POST /{page-id}/feed} with the text as
 * {@code message} and the first link as {@code link}, which Facebook renders as a preview card; further
 * links are appended to the message. A publication with one image is one multipart upload to
 * {@code POST /{page-id}/photos} ({@code source} = the approved bytes, streamed; {@code message} = the text
 * with every link written into it, since a photo post has no link field; {@code alt_text_custom} = the alt
 * text; {@code published=true}); the post's id ({@code post_id}) is returned, not the photo's. Several images
 * (at most {@value #MAX_IMAGES}) are uploaded the same way with {@code published=false}, which makes nothing
 * public, and then attached to one {@code POST /{page-id}/feed} as {@code attached_media[i]={"media_fbid":…}}.
 * Only that last request (or the single photo upload) can make a post, so only its ambiguous answer is
 * {@link PublishOutcome.Unknown}; a failed unpublished upload is transient or permanent and leaves at most an
 * unpublished photo nobody sees. {@code mayContinue} is asked before every request after the first.
 *
 * <p>The Graph API has no idempotency key, so {@link #deduplicatesRetries()} is {@code false}: a request
 * whose answer was lost is reported as {@link PublishOutcome.Unknown} and must be reconciled, never repeated
 * blindly. Errors are classified by Graph error code (see {@link GraphClient#create}): throttling codes are
 * transient; 190 (token) and, on a first attempt, 506 (duplicate) are permanent; a 5xx, codes 1 and 2 and
 * {@code is_transient} errors are unknown, since the post may exist; so is a duplicate refusal on a later
 * attempt, which says an earlier attempt's post exists.
 *
 * <p>{@link Publication#noReplies()} cannot be enforced here: the Graph API offers no way to turn off
 * comments on a Page post. The Page's moderation settings in Meta Business Suite govern comments.
 */
public final class FacebookConnector implements PlatformConnector {

    private static final Logger log = LoggerFactory.getLogger(FacebookConnector.class);

    /** The connector's own bound on the photos of one post, which keeps the unpublished uploads few. */
    public static final int MAX_IMAGES = 10;

    private final String pageId;
    private final GraphClient graph;

    public FacebookConnector(FacebookSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.pageId = settings.pageId();
        this.graph = new GraphClient("Facebook", settings.graphBaseUrl(), settings.pageAccessToken(),
                settings.connectTimeout(), settings.readTimeout());
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public boolean deduplicatesRetries() {
        return false;
    }

    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        return OutcomeLog.logged(log, "Facebook post", publication, post(publication, mayContinue));
    }

    @Override
    public DeleteOutcome delete(String platformPostId) {
        if (platformPostId == null || !platformPostId.matches("[0-9_]+")) {
            return new DeleteOutcome.Failed("not a Facebook post id: '" + platformPostId + "'", false);
        }
        GraphResult<Boolean> result = graph.call(client -> client.deleteObject(platformPostId));
        return switch (result) {
            case GraphResult.Ok<Boolean> ok when Boolean.TRUE.equals(ok.value()) -> new DeleteOutcome.Deleted();
            case GraphResult.Ok<Boolean> ok -> new DeleteOutcome.Failed(
                    "Facebook answered the deletion of " + platformPostId + " without confirming it", true);
            case GraphResult.Failed<Boolean> failed -> failed.toDeleteOutcome();
        };
    }

    /** Reads {@code name}, {@code about}, {@code description} and {@code website}; about and description are joined by a line break. */
    @Override
    public ProfileReading readProfile() {
        GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(pageId, JsonObject.class,
                Parameter.withFields("name,about,description,website")));
        return switch (result) {
            case GraphResult.Ok<JsonObject> ok -> profile(ok.value());
            case GraphResult.Failed<JsonObject> failed -> failed.toProfileReading();
        };
    }

    /**
     * Reads the Page's posts since {@code since} ({@code GET /{page-id}/posts?since=<unix seconds>&fields=id,message,created_time})
     * and finds the one whose {@code message} matches {@code text} ({@link PostText}); see {@link GraphPostLookup}.
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        Objects.requireNonNull(since, "since");
        return GraphPostLookup.find(graph, pageId + "/posts",
                List.of(Parameter.with("since", since.getEpochSecond()), Parameter.withFields("id,message,created_time")),
                "message", "created_time", text, since, excludedPostIds);
    }

    private static ProfileReading profile(JsonObject page) {
        List<String> text = new ArrayList<>();
        GraphJson.text(page, "about").filter(s -> !s.isBlank()).ifPresent(text::add);
        GraphJson.text(page, "description").filter(s -> !s.isBlank()).ifPresent(text::add);
        return new ProfileReading.Profile(GraphJson.text(page, "name").orElse(""), String.join("\n", text),
                GraphJson.text(page, "website").map(String::strip).filter(s -> !s.isEmpty()));
    }

    private PublishOutcome post(Publication publication, BooleanSupplier mayContinue) {
        if (publication.refersToAnotherPost()) {
            return new PublishOutcome.Permanent("the Facebook connector cannot answer or quote another post: "
                    + "it would publish a standalone post instead of what was approved");
        }
        List<MediaItem> media = publication.media();
        if (media.size() > MAX_IMAGES) {
            return new PublishOutcome.Permanent("the Facebook connector posts at most " + MAX_IMAGES + " images, not "
                    + media.size());
        }
        if (media.isEmpty()) {
            return feedPost(publication);
        }
        String message = PlatformText.sent(Platform.FACEBOOK, publication.text(), publication.links(), true);
        if (media.size() == 1) {
            return photoPost(publication, media.get(0), message);
        }
        List<String> photoIds = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            if (i > 0 && !mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before uploading photo " + (i + 1) + " of " + media.size());
            }
            PhotoUpload upload = uploadUnpublished(media.get(i), i + 1);
            if (upload.outcome() != null) {
                return upload.outcome();
            }
            photoIds.add(upload.photoId());
        }
        if (!mayContinue.getAsBoolean()) {
            return PublishOutcome.stoppedByPause("after uploading " + media.size() + " unpublished photos, before the post");
        }
        List<Parameter> parameters = new ArrayList<>();
        if (!message.isBlank()) {
            parameters.add(Parameter.with("message", message));
        }
        for (int i = 0; i < photoIds.size(); i++) {
            parameters.add(Parameter.with("attached_media[" + i + "]", "{\"media_fbid\":\"" + photoIds.get(i) + "\"}"));
        }
        return published(graph.create(publication.attempt(), client -> client.publish(pageId + "/feed", GraphResponse.class,
                parameters.toArray(Parameter[]::new))));
    }

    private PublishOutcome feedPost(Publication publication) {
        Optional<URI> link = publication.links().stream().findFirst();
        String message = PlatformText.sent(Platform.FACEBOOK, publication.text(), publication.links(), false);
        if (message.isBlank() && link.isEmpty()) {
            return new PublishOutcome.Permanent("nothing to post: the text and links are empty");
        }
        List<Parameter> parameters = new ArrayList<>();
        if (!message.isBlank()) {
            parameters.add(Parameter.with("message", message));
        }
        link.ifPresent(url -> parameters.add(Parameter.with("link", url.toString())));
        return published(graph.create(publication.attempt(), client -> client.publish(pageId + "/feed", GraphResponse.class,
                parameters.toArray(Parameter[]::new))));
    }

    /** One photo is one request: the upload itself is the post, so its ambiguous answer is unknown. */
    private PublishOutcome photoPost(Publication publication, MediaItem image, String message) {
        try (UploadStream bytes = UploadStream.open(image)) {
            List<Parameter> parameters = photoParameters(image, true);
            if (!message.isBlank()) {
                parameters.add(Parameter.with("message", message));
            }
            return published(graph.create(publication.attempt(), client -> client.publish(pageId + "/photos",
                    GraphResponse.class, List.of(attachment(image, bytes, 1)), parameters.toArray(Parameter[]::new))));
        } catch (IOException e) {
            return PublishOutcome.imageUnreadable(1, e);
        }
    }

    /** An unpublished photo is not public: any failure here leaves nothing to reconcile. */
    private PhotoUpload uploadUnpublished(MediaItem image, int position) {
        try (UploadStream bytes = UploadStream.open(image)) {
            GraphResult<GraphResponse> result = graph.call(client -> client.publish(pageId + "/photos", GraphResponse.class,
                    List.of(attachment(image, bytes, position)), photoParameters(image, false).toArray(Parameter[]::new)));
            return switch (result) {
                case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                        && !ok.value().getId().isBlank() -> new PhotoUpload(ok.value().getId(), null);
                case GraphResult.Ok<GraphResponse> ok -> new PhotoUpload(null, new PublishOutcome.Transient(
                        "Facebook answered the upload of photo " + position + " without an id; nothing was published",
                        Optional.empty()));
                case GraphResult.Failed<GraphResponse> failed -> new PhotoUpload(null,
                        failed.beforeThePost("uploading unpublished photo " + position,
                                "an unpublished photo is not shown on the Page"));
            };
        } catch (IOException e) {
            return new PhotoUpload(null, PublishOutcome.imageUnreadable(position, e));
        }
    }

    /** Either an unpublished photo's id or what to report instead. */
    private record PhotoUpload(String photoId, PublishOutcome outcome) {
    }

    private static List<Parameter> photoParameters(MediaItem image, boolean published) {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.with("published", published));
        if (!image.altText().isBlank()) {
            parameters.add(Parameter.with("alt_text_custom", image.altText()));
        }
        return parameters;
    }

    /** The photo's bytes as the multipart {@code source} part, streamed from the approved image. */
    private static BinaryAttachment attachment(MediaItem image, UploadStream bytes, int position) {
        String extension = "image/png".equals(image.contentType()) ? ".png" : ".jpg";
        return BinaryAttachment.with("source", "image-" + position + extension, bytes.body(), image.contentType());
    }

    private static PublishOutcome published(GraphResult<GraphResponse> result) {
        return switch (result) {
            case GraphResult.Ok<GraphResponse> ok -> published(ok.value());
            case GraphResult.Failed<GraphResponse> failed -> failed.toPublishOutcome();
        };
    }

    /** A photo post answers with the photo's {@code id} and the feed post's {@code post_id}; a feed post with {@code id} only. */
    private static PublishOutcome published(GraphResponse response) {
        String postId = response == null ? null
                : response.getPostId() != null && !response.getPostId().isBlank() ? response.getPostId() : response.getId();
        if (postId == null || postId.isBlank()) {
            return new PublishOutcome.Unknown("Facebook accepted the request but answered without a post id");
        }
        return new PublishOutcome.Published(postId);
    }
}
