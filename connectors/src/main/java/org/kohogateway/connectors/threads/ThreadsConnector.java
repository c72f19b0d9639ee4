package org.kohogateway.connectors.threads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.Links;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.PostText;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.connectors.graph.GraphJson;
import org.kohogateway.connectors.graph.GraphPostLookup;
import org.kohogateway.connectors.graph.GraphResult;
import org.kohogateway.connectors.instagram.QuotaReading;
import org.kohogateway.connectors.threads.ThreadsContainers.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.types.GraphResponse;

/**
 * A Threads profile, reached through the Threads API ({@link GraphClient#THREADS_API_VERSION} on
 * {@code graph.threads.net}) with RestFB, whose errors are Graph API errors and are classified the same way.
 *
 * <p>Publishing works like Instagram's container flow, and only the last request makes anything public:
 * <ol>
 *   <li>{@code GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config}: with the rolling 24 h quota
 *       (250 posts) used up, the outcome is {@link PublishOutcome.Transient} with a retry hint of
 *       {@link #QUOTA_RETRY_AFTER}, and nothing is sent;</li>
 *   <li>{@code POST /{threads-user-id}/threads} makes an unpublished container: {@code media_type=TEXT} with the text;
 *       {@code IMAGE} with {@code image_url} (the image's signed address on the gateway, which Threads fetches),
 *       {@code alt_text} and the text; or, for 2–{@value #MAX_IMAGES} images, one {@code IMAGE} child per image with
 *       {@code is_carousel_item=true} and its own {@code alt_text}, then a {@code CAROUSEL} container with
 *       {@code children} (the child ids, in order) and the text. The text carries the links (Threads makes the first
 *       one the preview), and the account's no-reply policy sets {@code reply_control};</li>
 *   <li>{@code GET /{container-id}?fields=status,error_message} until {@code FINISHED} ({@link ThreadsContainers});</li>
 *   <li>{@code POST /{threads-user-id}/threads_publish} with {@code creation_id} publishes it and answers the media id.</li>
 * </ol>
 * Steps 1–3 cannot make anything public, so their failures are transient or permanent. In step 4 a lost answer, a
 * timeout, a 5xx or a Graph "try again" error is {@link PublishOutcome.Unknown}: the post may be live, the API has no
 * idempotency key ({@link #deduplicatesRetries()} is {@code false}), and the delivery is reconciled through
 * {@link #findRecent} instead of being sent again. {@code mayContinue} is asked before every request after the first.
 *
 * <p>Refused before any request: answers and quotes (the publication names another post by its address, which the
 * API cannot take), nothing to post, more than {@value #MAX_IMAGES} images, a text over Threads' own count
 * ({@link PlatformText#length}) and more than {@value #MAX_LINKS} links, which Threads refuses
 * ({@code THREADS_API__LINK_LIMIT_EXCEEDED}).
 */
public final class ThreadsConnector implements PlatformConnector {

    /** How long to wait before looking at an exhausted publishing quota again (the API does not say when it frees). */
    public static final Duration QUOTA_RETRY_AFTER = Duration.ofHours(1);

    /** Threads' own bound on the items of one carousel. */
    public static final int MAX_IMAGES = 20;

    /** Threads refuses a post whose text holds more distinct links than this. */
    public static final int MAX_LINKS = 5;

    /**
     * The {@code reply_control} for an account whose policy allows no replies. Threads has no "nobody" value
     * ({@code everyone}, {@code accounts_you_follow}, {@code mentioned_only}, {@code parent_post_author_only},
     * {@code followers_only}); a city post mentions no one, so {@code mentioned_only} is the closest: in practice
     * nobody can reply.
     */
    static final String NO_REPLIES_CONTROL = "mentioned_only";

    private static final Logger log = LoggerFactory.getLogger(ThreadsConnector.class);

    private final String threadsUserId;
    private final GraphClient graph;
    private final ThreadsContainers containers;

    public ThreadsConnector(ThreadsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.threadsUserId = settings.threadsUserId();
        this.graph = new GraphClient("Threads", settings.threadsBaseUrl(), settings.accessToken(),
                settings.connectTimeout(), settings.readTimeout(), GraphClient.THREADS_API_VERSION);
        this.containers = new ThreadsContainers(graph, threadsUserId, settings.pollInterval(), settings.maxStatusChecks());
    }

    @Override
    public Platform platform() {
        return Platform.THREADS;
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
        return OutcomeLog.logged(log, "Threads post", publication, post(publication, mayContinue));
    }

    /** {@code DELETE /{threads-media-id}}, which needs {@code threads_delete}; Threads allows 100 a day. */
    @Override
    public DeleteOutcome delete(String platformPostId) {
        if (platformPostId == null || !platformPostId.matches("[0-9]+")) {
            return new DeleteOutcome.Failed("not a Threads media id: '" + platformPostId + "'", false);
        }
        return switch (graph.call(client -> client.deleteObject(platformPostId))) {
            case GraphResult.Ok<Boolean> ok when Boolean.TRUE.equals(ok.value()) -> new DeleteOutcome.Deleted();
            case GraphResult.Ok<Boolean> ok -> new DeleteOutcome.Failed(
                    "Threads answered the deletion of " + platformPostId + " without confirming it", true);
            case GraphResult.Failed<Boolean> failed -> failed.toDeleteOutcome();
        };
    }

    /**
     * Reads {@code username}, {@code name} and {@code threads_biography}. The Threads API offers no field for the
     * profile's links, so the website is always empty: the city's homepage has to be written in the biography to be
     * seen by the profile check.
     */
    @Override
    public ProfileReading readProfile() {
        GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(threadsUserId, JsonObject.class,
                Parameter.withFields("username,name,threads_biography")));
        return switch (result) {
            case GraphResult.Ok<JsonObject> ok -> new ProfileReading.Profile(
                    GraphJson.text(ok.value(), "name").filter(s -> !s.isBlank())
                            .or(() -> GraphJson.text(ok.value(), "username")).orElse(""),
                    GraphJson.text(ok.value(), "threads_biography").orElse(""),
                    Optional.empty());
            case GraphResult.Failed<JsonObject> failed -> failed.toProfileReading();
        };
    }

    /**
     * Reads the profile's threads, newest first ({@code GET /{threads-user-id}/threads?fields=id,text,timestamp}),
     * and finds the one whose {@code text} matches ({@link PostText}); see {@link GraphPostLookup}.
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return GraphPostLookup.find(graph, threadsUserId + "/threads", List.of(Parameter.withFields("id,text,timestamp")),
                "text", "timestamp", text, since, excludedPostIds);
    }

    /** The profile's rolling publishing quota, read from {@code threads_publishing_limit}. */
    public QuotaReading quota() {
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> ok.value().<QuotaReading>map(quota -> quota)
                    .orElseGet(() -> new QuotaReading.Failed(
                            "Threads answered threads_publishing_limit in an unexpected shape"));
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed -> new QuotaReading.Failed(failed.reason());
        };
    }

    private PublishOutcome post(Publication publication, BooleanSupplier mayContinue) {
        Optional<PublishOutcome> refusal = refusal(publication);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Optional<PublishOutcome> quotaRefusal = checkQuota();
        if (quotaRefusal.isPresent()) {
            return quotaRefusal.get();
        }
        List<MediaItem> media = publication.media();
        String text = PlatformText.sent(Platform.THREADS, publication.text(), publication.links(), !media.isEmpty());
        Container container;
        if (media.size() <= 1) {
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the media container");
            }
            List<Parameter> parameters = media.isEmpty()
                    ? new ArrayList<>(List.of(Parameter.with("media_type", "TEXT"))) : image(media.get(0));
            container = containers.create(withPost(parameters, text, publication), "creating the media container");
        } else {
            List<String> children = new ArrayList<>();
            for (int i = 0; i < media.size(); i++) {
                if (!mayContinue.getAsBoolean()) {
                    return PublishOutcome.stoppedByPause("before creating carousel item " + (i + 1) + " of " + media.size());
                }
                List<Parameter> parameters = image(media.get(i));
                parameters.add(Parameter.with("is_carousel_item", true));
                Container child = containers.create(parameters, "creating carousel item " + (i + 1));
                if (child.outcome() != null) {
                    return child.outcome();
                }
                children.add(Objects.requireNonNull(child.id()));
            }
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the carousel container");
            }
            List<Parameter> parameters = new ArrayList<>(List.of(Parameter.with("media_type", "CAROUSEL"),
                    Parameter.with("children", String.join(",", children))));
            container = containers.create(withPost(parameters, text, publication), "creating the carousel container");
        }
        if (container.outcome() != null) {
            return container.outcome();
        }
        String containerId = Objects.requireNonNull(container.id());
        Optional<PublishOutcome> notReady = containers.awaitFinished(containerId, mayContinue);
        if (notReady.isPresent()) {
            return notReady.get();
        }
        if (!mayContinue.getAsBoolean()) {
            return PublishOutcome.stoppedByPause("before publishing container " + containerId);
        }
        return publishContainer(containerId, publication.attempt());
    }

    /** The one request that makes the post public: any ambiguous answer leaves it unknown, never retried here. */
    private PublishOutcome publishContainer(String containerId, int attempt) {
        GraphResult<GraphResponse> published = graph.create(attempt, client -> client.publish(
                threadsUserId + "/threads_publish", GraphResponse.class, Parameter.with("creation_id", containerId)));
        return switch (published) {
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new PublishOutcome.Published(ok.value().getId());
            case GraphResult.Ok<GraphResponse> ok -> new PublishOutcome.Unknown(
                    "Threads accepted threads_publish for container " + containerId + " but answered without a media id");
            case GraphResult.Failed<GraphResponse> failed -> failed.kind() == GraphResult.Kind.UNKNOWN
                    ? new PublishOutcome.Unknown(failed.reason() + " (publishing container " + containerId + ")")
                    : failed.toPublishOutcome();
        };
    }

    private static Optional<PublishOutcome> refusal(Publication publication) {
        if (publication.refersToAnotherPost()) {
            return Optional.of(new PublishOutcome.Permanent("the Threads connector cannot answer or quote another "
                    + "post by its address: it would publish a standalone post instead of what was approved"));
        }
        List<MediaItem> media = publication.media();
        String text = PlatformText.sent(Platform.THREADS, publication.text(), publication.links(), !media.isEmpty());
        if (media.isEmpty() && text.isBlank()) {
            return Optional.of(new PublishOutcome.Permanent("nothing to post on Threads: no text and no image"));
        }
        if (media.size() > MAX_IMAGES) {
            return Optional.of(new PublishOutcome.Permanent("a Threads carousel holds at most " + MAX_IMAGES
                    + " images, not " + media.size()));
        }
        int length = PlatformText.length(Platform.THREADS, text);
        if (length > PlatformText.limit(Platform.THREADS)) {
            return Optional.of(new PublishOutcome.Permanent("the text is " + length + " long as Threads counts it; "
                    + "Threads takes " + PlatformText.limit(Platform.THREADS)));
        }
        int links = Links.distinctCount(text);
        if (links > MAX_LINKS) {
            return Optional.of(new PublishOutcome.Permanent("the text holds " + links
                    + " links; Threads refuses posts with more than " + MAX_LINKS));
        }
        return Optional.empty();
    }

    /** Threads fetches the image itself, from the gateway's signed address; the alt text travels with it. */
    private static List<Parameter> image(MediaItem image) {
        List<Parameter> parameters = new ArrayList<>();
        parameters.add(Parameter.with("media_type", "IMAGE"));
        parameters.add(Parameter.with("image_url", image.publicUrl().toString()));
        if (!image.altText().isBlank()) {
            parameters.add(Parameter.with("alt_text", image.altText()));
        }
        return parameters;
    }

    /** What belongs to the post rather than to one image: its text and who may reply. */
    private static List<Parameter> withPost(List<Parameter> parameters, String text, Publication publication) {
        if (!text.isBlank()) {
            parameters.add(Parameter.with("text", text));
        }
        if (publication.noReplies()) {
            parameters.add(Parameter.with("reply_control", NO_REPLIES_CONTROL));
        }
        return parameters;
    }

    /** Refuses to start when the quota is used up; lets Threads decide when the quota cannot be read. */
    private Optional<PublishOutcome> checkQuota() {
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok when ok.value().isPresent() && ok.value().get().exhausted() ->
                    Optional.of(new PublishOutcome.Transient("Threads publishing quota used up: "
                            + ok.value().get().used() + " of " + ok.value().get().total() + " posts in the last "
                            + ok.value().get().window() + "; checking again in " + QUOTA_RETRY_AFTER
                            + " (Threads does not say when the oldest post leaves the window)",
                            Optional.of(QUOTA_RETRY_AFTER)));
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> {
                if (ok.value().isEmpty()) {
                    log.warn("Threads answered threads_publishing_limit in an unexpected shape; publishing without the check");
                }
                yield Optional.empty();
            }
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed ->
                    Optional.of(ThreadsContainers.beforePublishing(failed, "reading the publishing quota"));
        };
    }

    private GraphResult<Optional<QuotaReading.Quota>> readQuota() {
        return graph.call(client -> QuotaReading.fromPublishingLimit(client.fetchObject(
                threadsUserId + "/threads_publishing_limit", JsonObject.class, Parameter.withFields("quota_usage,config"))));
    }
}
