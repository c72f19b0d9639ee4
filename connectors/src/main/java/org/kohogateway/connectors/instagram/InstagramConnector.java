package org.kohogateway.connectors.instagram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.connectors.graph.GraphJson;
import org.kohogateway.connectors.graph.GraphPostLookup;
import org.kohogateway.connectors.graph.GraphResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.types.GraphResponse;

/**
 * An Instagram professional account, reached through the Instagram Graph API
 * ({@link GraphClient#API_VERSION}) with RestFB's generic {@code publish}/{@code fetchObject}.
 *
 * <p>Publishing takes four calls, and only the last one makes anything public:
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
 * <p>The class is longer than most because the publishing steps stay together: what a failure in one of them means
 * (transient, permanent or unknown) depends on where in the flow it happened.
 */
public final class InstagramConnector implements PlatformConnector {

    /** How long to wait before looking at an exhausted publishing quota again. */
    public static final Duration QUOTA_RETRY_AFTER = Duration.ofHours(1);

    /** Instagram's own bound on the images of one carousel. */
    public static final int MAX_IMAGES = 10;

    private static final Logger log = LoggerFactory.getLogger(InstagramConnector.class);

    private final String igUserId;
    private final Duration pollInterval;
    private final int maxStatusChecks;
    private final GraphClient graph;

    public InstagramConnector(InstagramSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.igUserId = settings.igUserId();
        this.pollInterval = settings.pollInterval();
        this.maxStatusChecks = settings.maxStatusChecks();
        this.graph = new GraphClient("Instagram", settings.graphBaseUrl(), settings.accessToken(),
                settings.connectTimeout(), settings.readTimeout());
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
    public PublishOutcome publish(Publication publication) {
        return publish(publication, () -> true);
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
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> ok.value()
                    .<QuotaReading>map(quota -> quota)
                    .orElseGet(() -> new QuotaReading.Failed("Instagram answered content_publishing_limit in an unexpected shape"));
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed -> new QuotaReading.Failed(failed.reason());
        };
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
        Optional<PublishOutcome> quotaRefusal = checkQuota();
        if (quotaRefusal.isPresent()) {
            return quotaRefusal.get();
        }
        String caption = PlatformText.sent(Platform.INSTAGRAM, publication.text(), publication.links(), true);
        Container container;
        if (media.size() == 1) {
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the media container");
            }
            List<Parameter> parameters = imageParameters(media.get(0));
            parameters.add(Parameter.with("caption", caption));
            container = createContainer(parameters, "creating the media container");
        } else {
            List<String> children = new ArrayList<>();
            for (int i = 0; i < media.size(); i++) {
                if (!mayContinue.getAsBoolean()) {
                    return PublishOutcome.stoppedByPause("before creating carousel item " + (i + 1) + " of " + media.size());
                }
                List<Parameter> parameters = imageParameters(media.get(i));
                parameters.add(Parameter.with("is_carousel_item", true));
                Container child = createContainer(parameters, "creating carousel item " + (i + 1));
                if (child.outcome() != null) {
                    return child.outcome();
                }
                children.add(child.id());
            }
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the carousel container");
            }
            container = createContainer(new ArrayList<>(List.of(Parameter.with("media_type", "CAROUSEL"),
                    Parameter.with("children", String.join(",", children)), Parameter.with("caption", caption))),
                    "creating the carousel container");
        }
        if (container.outcome() != null) {
            return container.outcome();
        }
        String containerId = container.id();
        Optional<PublishOutcome> notReady = awaitFinished(containerId, mayContinue);
        if (notReady.isPresent()) {
            return notReady.get();
        }
        if (!mayContinue.getAsBoolean()) {
            return PublishOutcome.stoppedByPause("before publishing container " + containerId);
        }
        GraphResult<GraphResponse> published = graph.create(publication.attempt(), client -> client.publish(
                igUserId + "/media_publish", GraphResponse.class, Parameter.with("creation_id", containerId)));
        return switch (published) {
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new PublishOutcome.Published(ok.value().getId());
            case GraphResult.Ok<GraphResponse> ok -> new PublishOutcome.Unknown(
                    "Instagram accepted media_publish for container " + containerId + " but answered without a media id");
            case GraphResult.Failed<GraphResponse> failed -> failed.kind() == GraphResult.Kind.UNKNOWN
                    ? new PublishOutcome.Unknown(failed.reason() + " (publishing container " + containerId + ")")
                    : failed.toPublishOutcome();
        };
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

    /** An unpublished container, which nobody sees: any failure to make one is transient or permanent. */
    private Container createContainer(List<Parameter> parameters, String step) {
        GraphResult<GraphResponse> result = graph.call(client -> client.publish(igUserId + "/media", GraphResponse.class,
                parameters.toArray(Parameter[]::new)));
        return switch (result) {
            case GraphResult.Failed<GraphResponse> failed -> new Container(null, beforePublishing(failed, step));
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new Container(ok.value().getId(), null);
            case GraphResult.Ok<GraphResponse> ok -> new Container(null, new PublishOutcome.Transient("Instagram answered "
                    + "the container request without an id (while " + step + "); nothing was published", Optional.empty()));
        };
    }

    /** Either a container's id or what to report instead. */
    private record Container(String id, PublishOutcome outcome) {
    }

    /** Refuses to start when the quota is used up; lets Instagram decide when the quota cannot be read. */
    private Optional<PublishOutcome> checkQuota() {
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok when ok.value().isPresent() && ok.value().get().exhausted() ->
                    Optional.of(new PublishOutcome.Transient("Instagram publishing quota used up: "
                            + ok.value().get().used() + " of " + ok.value().get().total() + " posts in the last "
                            + ok.value().get().window() + "; checking again in " + QUOTA_RETRY_AFTER
                            + " (Instagram does not say when the oldest post leaves the window)",
                            Optional.of(QUOTA_RETRY_AFTER)));
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> {
                if (ok.value().isEmpty()) {
                    // Instagram enforces the limit itself (error 9/2207042, classified as transient).
                    log.warn("Instagram answered content_publishing_limit in an unexpected shape; publishing without the check");
                }
                yield Optional.empty();
            }
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed ->
                    Optional.of(beforePublishing(failed, "reading the publishing quota"));
        };
    }

    private GraphResult<Optional<QuotaReading.Quota>> readQuota() {
        return graph.call(client -> QuotaReading.fromPublishingLimit(client.fetchObject(
                igUserId + "/content_publishing_limit", JsonObject.class, Parameter.withFields("quota_usage,config"))));
    }

    /**
     * Checks the container until Instagram has fetched and processed the image. Empty when it is
     * {@code FINISHED}; otherwise the outcome to report.
     */
    private Optional<PublishOutcome> awaitFinished(String containerId, BooleanSupplier mayContinue) {
        String lastStatus = "unknown";
        for (int check = 1; check <= maxStatusChecks; check++) {
            if (!mayContinue.getAsBoolean()) {
                return Optional.of(PublishOutcome.stoppedByPause("while waiting for container " + containerId));
            }
            GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(containerId, JsonObject.class,
                    Parameter.withFields("status_code,status")));
            if (result instanceof GraphResult.Failed<JsonObject> failed) {
                return Optional.of(beforePublishing(failed, "checking container " + containerId));
            }
            JsonObject container = ((GraphResult.Ok<JsonObject>) result).value();
            String statusCode = GraphJson.text(container, "status_code").orElse("").toUpperCase(Locale.ROOT);
            String detail = GraphJson.text(container, "status").filter(s -> !s.isBlank()).map(s -> " (" + s + ")").orElse("");
            switch (statusCode) {
                case "FINISHED" -> {
                    return Optional.empty();
                }
                case "ERROR", "EXPIRED" -> {
                    String reason = "Instagram could not prepare the image: container " + containerId + " is "
                            + statusCode + detail + "; nothing was published";
                    return Optional.of(statusCode.equals("ERROR") && ContainerErrors.worthANewContainer(detail)
                            ? new PublishOutcome.Transient(reason + ", and a new container may succeed", Optional.empty())
                            : new PublishOutcome.Permanent(reason));
                }
                case "PUBLISHED" -> {
                    return Optional.of(new PublishOutcome.Unknown("container " + containerId
                            + " is already PUBLISHED although this attempt did not publish it"));
                }
                default -> lastStatus = statusCode.isEmpty() ? "without status_code" : statusCode + detail;
            }
            if (check < maxStatusChecks && !pause()) {
                return Optional.of(new PublishOutcome.Transient(
                        "interrupted while waiting for container " + containerId + "; nothing was published", Optional.empty()));
            }
        }
        return Optional.of(new PublishOutcome.Transient("container " + containerId + " was not ready after "
                + maxStatusChecks + " checks (last: " + lastStatus + "); nothing was published", Optional.empty()));
    }

    private boolean pause() {
        if (pollInterval.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pollInterval);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Nothing is public before media_publish, so a lost answer there is only a reason to try again. */
    private static PublishOutcome beforePublishing(GraphResult.Failed<?> failed, String step) {
        return failed.beforeThePost(step, "an unpublished container expires by itself after 24 hours");
    }
}
