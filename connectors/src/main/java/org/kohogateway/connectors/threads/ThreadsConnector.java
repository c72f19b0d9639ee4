package org.kohogateway.connectors.threads;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
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
import org.kohogateway.connectors.graph.MetaContainers;
import org.kohogateway.connectors.graph.QuotaReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;

/**
 * A Threads profile, reached through the Threads API ({@link GraphClient#THREADS_API_VERSION} on
 * {@code graph.threads.net}) with RestFB, whose errors are Graph API errors and are classified the same way.
 *
 * <p>Publishing is Meta's container flow, shared with Instagram ({@link MetaContainers}), and only the last request
 * makes anything public:
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
 *   <li>{@code GET /{container-id}?fields=status,error_message} until {@code FINISHED};</li>
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
    public static final Duration QUOTA_RETRY_AFTER = MetaContainers.QUOTA_RETRY_AFTER;

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

    /**
     * Container {@code error_message} values after which a new container may well succeed: Threads could not fetch
     * the media (the gateway's address was briefly unreachable) or does not know why. The others Meta lists
     * ({@code INVALID_ASPEC_RATIO}, {@code FAILED_PROCESSING_VIDEO}, …) say the media itself is refused.
     */
    private static final List<String> WORTH_A_NEW_CONTAINER = List.of("FAILED_DOWNLOADING", "UNKNOWN");

    private static final Logger log = LoggerFactory.getLogger(ThreadsConnector.class);

    private final String threadsUserId;
    private final GraphClient graph;
    private final MetaContainers containers;

    public ThreadsConnector(ThreadsSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.threadsUserId = settings.threadsUserId();
        this.graph = new GraphClient("Threads", settings.threadsBaseUrl(), settings.accessToken(),
                settings.connectTimeout(), settings.readTimeout(), GraphClient.THREADS_API_VERSION);
        this.containers = new MetaContainers(graph,
                new MetaContainers.Edges("Threads", threadsUserId, "threads", "threads_publish", "threads_publishing_limit"),
                new MetaContainers.Status("status", "error_message", ThreadsConnector::ended),
                settings.pollInterval(), settings.maxStatusChecks());
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
        return containers.quota();
    }

    private PublishOutcome post(Publication publication, BooleanSupplier mayContinue) {
        Optional<PublishOutcome> refusal = refusal(publication);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<MediaItem> media = publication.media();
        String text = PlatformText.sent(Platform.THREADS, publication.text(), publication.links(), !media.isEmpty());
        List<List<Parameter>> items = media.isEmpty() ? List.of(List.of(Parameter.with("media_type", "TEXT")))
                : media.stream().map(ThreadsConnector::image).toList();
        return containers.publish(items, postParameters(text, publication), publication.attempt(), mayContinue);
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
    private static List<Parameter> postParameters(String text, Publication publication) {
        List<Parameter> parameters = new ArrayList<>();
        if (!text.isBlank()) {
            parameters.add(Parameter.with("text", text));
        }
        if (publication.noReplies()) {
            parameters.add(Parameter.with("reply_control", NO_REPLIES_CONTROL));
        }
        return parameters;
    }

    /**
     * What a container's {@code status} other than {@code FINISHED} or {@code PUBLISHED} means: {@code ERROR} for a
     * cause a new container may get past is transient, any other {@code ERROR} permanent, {@code EXPIRED} transient
     * (a new container is made), anything else ({@code IN_PROGRESS}) is still being processed.
     */
    private static @Nullable PublishOutcome ended(String containerId, String status, String error) {
        return switch (status) {
            case "ERROR" -> {
                String reason = "Threads could not prepare the post: container " + containerId + " is ERROR ("
                        + (error.isEmpty() ? "no error_message" : error) + "); nothing was published";
                String upper = error.toUpperCase(Locale.ROOT);
                yield error.isEmpty() || WORTH_A_NEW_CONTAINER.stream().anyMatch(upper::startsWith)
                        ? new PublishOutcome.Transient(reason + ", and a new container may succeed", Optional.empty())
                        : new PublishOutcome.Permanent(reason);
            }
            case "EXPIRED" -> new PublishOutcome.Transient("container " + containerId
                    + " EXPIRED before it was published; nothing was published", Optional.empty());
            default -> null;
        };
    }
}
