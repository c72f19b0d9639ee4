package org.kohogateway.connectors.instagram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

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
import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.connectors.graph.GraphJson;
import org.kohogateway.connectors.graph.GraphPostLookup;
import org.kohogateway.connectors.graph.GraphResult;
import org.kohogateway.connectors.graph.MetaContainers;
import org.kohogateway.connectors.graph.QuotaReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;

/**
 * An Instagram professional account, reached through the Instagram Graph API
 * ({@link GraphClient#API_VERSION}) with RestFB's generic {@code publish}/{@code fetchObject}.
 *
 * <p>Publishing is Meta's container flow, shared with Threads ({@link MetaContainers}), and takes four calls, and only the last one makes anything public:
 * <ol>
 *   <li>{@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config}: when the rolling
 *       24 h quota is used up, the outcome is {@link PublishOutcome.Transient} with a retry hint of
 *       {@link #QUOTA_RETRY_AFTER}, and nothing is sent. The API reports how many posts count against the
 *       window but not when the oldest of them leaves it, so the hint is a re-check interval, not a
 *       promise;</li>
 *   <li>{@code POST /{ig-user-id}/media} with {@code image_url} (the image's signed public address on the
 *       gateway, which Instagram fetches; a JPEG), {@code alt_text} (when the image has one) and {@code caption}
 *       (the text, links written into it: Instagram has no link field and does not make caption links
 *       clickable) creates an unpublished container. For 2–{@value #MAX_IMAGES} images (a carousel) each image
 *       first becomes a child container ({@code image_url}, {@code alt_text}, {@code is_carousel_item=true}),
 *       then the parent container is made with {@code media_type=CAROUSEL}, {@code children} (the child ids,
 *       comma-separated, in order) and {@code caption};</li>
 *   <li>{@code GET /{container-id}?fields=status_code,status} (the parent's, for a carousel) until {@code FINISHED}, at most
 *       {@link InstagramSettings#maxStatusChecks()} times, {@link InstagramSettings#pollInterval()} apart;</li>
 *   <li>{@code POST /{ig-user-id}/media_publish} with {@code creation_id} publishes it and answers with the
 *       media id.</li>
 * </ol>
 * Until step 4 nothing is public: a container that is never published expires after 24 hours. So any
 * failure in steps 1–3, even a lost answer, is {@link PublishOutcome.Transient} or
 * {@link PublishOutcome.Permanent}, never {@code Unknown}, and the errors Meta documents as "try again"
 * (codes -1 and -2, a container that ended in {@code ERROR} for such a cause) are transient: a later
 * attempt makes a new container. In step 4 a lost answer, a 5xx, codes 1, 2, -1, -2 or an
 * {@code is_transient} error are {@link PublishOutcome.Unknown}: the media may be live, and there is no
 * idempotency key ({@link #deduplicatesRetries()} is {@code false}); only throttling and the documented
 * "not published" answers are transient there ({@link GraphClient#create}).
 *
 * <p>An image is required; a publication without one is refused without calling the API. {@code mayContinue}
 * is asked before every request after the quota check. {@link Publication#noReplies()} cannot be enforced
 * at publish time through this API; comments are governed by the account's settings.
 *
 * <p>The Instagram Graph API cannot delete media: {@link #delete(String)} reports
 * {@link DeleteOutcome.NotSupported}.
 *
 */
public final class InstagramConnector implements PlatformConnector {

    /** How long to wait before looking at an exhausted publishing quota again. */
    public static final Duration QUOTA_RETRY_AFTER = MetaContainers.QUOTA_RETRY_AFTER;

    /** Instagram's own bound on the images of one carousel. */
    public static final int MAX_IMAGES = 10;

    private static final Logger log = LoggerFactory.getLogger(InstagramConnector.class);

    private final String igUserId;
    private final GraphClient graph;
    private final MetaContainers containers;

    public InstagramConnector(InstagramSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.igUserId = settings.igUserId();
        this.graph = new GraphClient("Instagram", settings.graphBaseUrl(), settings.accessToken(),
                settings.connectTimeout(), settings.readTimeout());
        this.containers = new MetaContainers(graph,
                new MetaContainers.Edges("Instagram", igUserId, "media", "media_publish", "content_publishing_limit"),
                new MetaContainers.Status("status_code", "status", InstagramConnector::ended),
                settings.pollInterval(), settings.maxStatusChecks());
    }

    @Override
    public Platform platform() {
        return Platform.INSTAGRAM;
    }

    @Override
    public boolean deduplicatesRetries() {
        return false;
    }

    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        return OutcomeLog.logged(log, "Instagram publication", publication, publishImage(publication, mayContinue));
    }

    @Override
    public DeleteOutcome delete(String platformPostId) {
        return new DeleteOutcome.NotSupported(
                "the Instagram Graph API cannot delete published media; delete it in the Instagram app "
                        + "or post a correction");
    }

    /** Reads {@code username}, {@code biography} and {@code website}. */
    @Override
    public ProfileReading readProfile() {
        GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(igUserId, JsonObject.class,
                Parameter.withFields("username,biography,website")));
        return switch (result) {
            case GraphResult.Ok<JsonObject> ok -> new ProfileReading.Profile(
                    GraphJson.text(ok.value(), "username").orElse(""),
                    GraphJson.text(ok.value(), "biography").orElse(""),
                    GraphJson.text(ok.value(), "website").map(String::strip).filter(s -> !s.isEmpty()));
            case GraphResult.Failed<JsonObject> failed -> failed.toProfileReading();
        };
    }

    /**
     * Reads the account's media, newest first ({@code GET /{ig-user-id}/media?fields=id,caption,timestamp}; the
     * edge has no time filter, so media older than {@code since} end the search) and finds the one whose
     * {@code caption} matches {@code text} ({@link PostText}); see {@link GraphPostLookup}.
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return GraphPostLookup.find(graph, igUserId + "/media", List.of(Parameter.withFields("id,caption,timestamp")),
                "caption", "timestamp", text, since, excludedPostIds);
    }

    /** The account's rolling publishing quota, read from {@code content_publishing_limit}. */
    public QuotaReading quota() {
        return containers.quota();
    }

    private PublishOutcome publishImage(Publication publication, BooleanSupplier mayContinue) {
        if (publication.refersToAnotherPost()) {
            return new PublishOutcome.Permanent("the Instagram connector cannot answer or quote another post: "
                    + "it would publish a standalone post instead of what was approved");
        }
        List<MediaItem> media = publication.media();
        if (media.isEmpty()) {
            return new PublishOutcome.Permanent("Instagram requires an image: the publication has none");
        }
        if (media.size() > MAX_IMAGES) {
            return new PublishOutcome.Permanent("an Instagram carousel holds at most " + MAX_IMAGES + " images, not "
                    + media.size());
        }
        String caption = PlatformText.sent(Platform.INSTAGRAM, publication.text(), publication.links(), true);
        return containers.publish(media.stream().map(InstagramConnector::imageParameters).toList(),
                List.of(Parameter.with("caption", caption)), publication.attempt(), mayContinue);
    }

    /** Instagram fetches the image itself, from the gateway's signed address; the alt text travels with it. */
    private static List<Parameter> imageParameters(MediaItem image) {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.with("image_url", image.publicUrl().toString()));
        if (!image.altText().isBlank()) {
            parameters.add(Parameter.with("alt_text", image.altText()));
        }
        return parameters;
    }

    /**
     * What a container's {@code status_code} other than {@code FINISHED} or {@code PUBLISHED} means: {@code ERROR} for
     * a cause Meta says to try again after is transient, any other {@code ERROR} and {@code EXPIRED} are permanent,
     * anything else ({@code IN_PROGRESS}) is still being processed.
     */
    private static @Nullable PublishOutcome ended(String containerId, String statusCode, String detail) {
        if (!statusCode.equals("ERROR") && !statusCode.equals("EXPIRED")) {
            return null;
        }
        String reason = "Instagram could not prepare the image: container " + containerId + " is " + statusCode
                + (detail.isEmpty() ? "" : " (" + detail + ")") + "; nothing was published";
        return statusCode.equals("ERROR") && ContainerErrors.worthANewContainer(detail)
                ? new PublishOutcome.Transient(reason + ", and a new container may succeed", Optional.empty())
                : new PublishOutcome.Permanent(reason);
    }
}
