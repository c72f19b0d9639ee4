package org.kohogateway.connectors.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PublishOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.types.GraphResponse;

/**
 * Meta's container flow, one home for Instagram and Threads, whose APIs publish the same way and differ only in names:
 * <ol>
 *   <li>{@code GET /{user}/{limit edge}?fields=quota_usage,config}: with the rolling 24 h quota used up, the outcome
 *       is {@link PublishOutcome.Transient} with a retry hint of {@link #QUOTA_RETRY_AFTER} (the API says how many
 *       posts count against the window, not when the oldest leaves it), and nothing is sent;</li>
 *   <li>{@code POST /{user}/{container edge}} makes an unpublished container for one item; for a carousel, one child
 *       per item with {@code is_carousel_item=true}, then a {@code CAROUSEL} container with {@code children} (the child
 *       ids, in order); the post's own parameters (its text, who may reply) go with the one container or the
 *       carousel;</li>
 *   <li>{@code GET /{container}?fields=…} until the container is {@code FINISHED}, at most {@code maxStatusChecks}
 *       times, {@code pollInterval} apart; how a status reads is the platform's ({@link Status});</li>
 *   <li>{@code POST /{user}/{publish edge}} with {@code creation_id} publishes it and answers the media id.</li>
 * </ol>
 * Until step 4 nothing is public (an unpublished container expires by itself after 24 hours), so a failure before it,
 * even a lost answer, is transient or permanent and a later attempt makes new containers. In step 4 a lost answer,
 * a timeout, a 5xx or a Graph "try again" error is {@link PublishOutcome.Unknown}: the post may be live and neither
 * API has an idempotency key. {@code mayContinue} is asked before every request after the quota check.
 */
public final class MetaContainers {

    /** How long to wait before looking at an exhausted publishing quota again. */
    public static final Duration QUOTA_RETRY_AFTER = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(MetaContainers.class);
    private static final String NOTHING_SHOWS = "an unpublished container expires by itself after 24 hours";

    private final GraphClient graph;
    private final Edges edges;
    private final Status status;
    private final Duration pollInterval;
    private final int maxStatusChecks;

    /**
     * The names one platform gives the flow's parts.
     *
     * @param platform  for people: {@code Instagram}, {@code Threads}
     * @param userId    the profile's id, whose edges these are
     * @param container {@code media}, {@code threads}
     * @param publish   {@code media_publish}, {@code threads_publish}
     * @param limit     {@code content_publishing_limit}, {@code threads_publishing_limit}
     */
    public record Edges(String platform, String userId, String container, String publish, String limit) {
    }

    /**
     * How a platform reports a container's state: two fields, {@code FINISHED} and {@code PUBLISHED} meaning the same
     * everywhere, and what else ends the wait.
     *
     * @param field  the state's field ({@code status_code}, {@code status})
     * @param detail the field that says why ({@code status}, {@code error_message})
     * @param ended  what a state other than those two means
     */
    public record Status(String field, String detail, Ended ended) {
    }

    /** What a container's state means when it is neither {@code FINISHED} nor {@code PUBLISHED}. */
    @FunctionalInterface
    public interface Ended {
        /** The outcome to report, or {@code null} while the container is still being processed. */
        @Nullable PublishOutcome outcome(String containerId, String state, String detail);
    }

    public MetaContainers(GraphClient graph, Edges edges, Status status, Duration pollInterval, int maxStatusChecks) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.edges = Objects.requireNonNull(edges, "edges");
        this.status = Objects.requireNonNull(status, "status");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.maxStatusChecks = maxStatusChecks;
    }

    /** The profile's rolling publishing quota. */
    public QuotaReading quota() {
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> ok.value().<QuotaReading>map(quota -> quota)
                    .orElseGet(() -> new QuotaReading.Failed(edges.platform() + " answered " + edges.limit()
                            + " in an unexpected shape"));
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed -> new QuotaReading.Failed(failed.reason());
        };
    }

    /**
     * Publishes one post: steps 1–4 above.
     *
     * @param items   each item's parameters: one for a single container, two or more for a carousel
     * @param post    what belongs to the post rather than to one item (its text, who may reply)
     * @param attempt the delivery's attempt, which tells a first "duplicate" refusal from a later one
     */
    public PublishOutcome publish(List<List<Parameter>> items, List<Parameter> post, int attempt,
            BooleanSupplier mayContinue) {
        Optional<PublishOutcome> quotaRefusal = checkQuota();
        if (quotaRefusal.isPresent()) {
            return quotaRefusal.get();
        }
        Container container;
        if (items.size() == 1) {
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the media container");
            }
            container = create(joined(items.getFirst(), post), "creating the media container");
        } else {
            List<String> children = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!mayContinue.getAsBoolean()) {
                    return PublishOutcome.stoppedByPause("before creating carousel item " + (i + 1) + " of "
                            + items.size());
                }
                Container child = create(joined(items.get(i), List.of(Parameter.with("is_carousel_item", true))),
                        "creating carousel item " + (i + 1));
                if (child.outcome() != null) {
                    return child.outcome();
                }
                children.add(Objects.requireNonNull(child.id()));
            }
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before creating the carousel container");
            }
            container = create(joined(List.of(Parameter.with("media_type", "CAROUSEL"),
                    Parameter.with("children", String.join(",", children))), post), "creating the carousel container");
        }
        if (container.outcome() != null) {
            return container.outcome();
        }
        String containerId = Objects.requireNonNull(container.id());
        Optional<PublishOutcome> notReady = awaitFinished(containerId, mayContinue);
        if (notReady.isPresent()) {
            return notReady.get();
        }
        if (!mayContinue.getAsBoolean()) {
            return PublishOutcome.stoppedByPause("before publishing container " + containerId);
        }
        return publishContainer(containerId, attempt);
    }

    /** The one request that makes the post public: any ambiguous answer leaves it unknown, never retried here. */
    private PublishOutcome publishContainer(String containerId, int attempt) {
        GraphResult<GraphResponse> published = graph.create(attempt, client -> client.publish(
                edges.userId() + "/" + edges.publish(), GraphResponse.class, Parameter.with("creation_id", containerId)));
        return switch (published) {
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new PublishOutcome.Published(ok.value().getId());
            case GraphResult.Ok<GraphResponse> ok -> new PublishOutcome.Unknown(edges.platform() + " accepted "
                    + edges.publish() + " for container " + containerId + " but answered without a media id");
            case GraphResult.Failed<GraphResponse> failed -> failed.kind() == GraphResult.Kind.UNKNOWN
                    ? new PublishOutcome.Unknown(failed.reason() + " (publishing container " + containerId + ")")
                    : failed.toPublishOutcome();
        };
    }

    /** Either a container's id or what to report instead. */
    private record Container(@Nullable String id, @Nullable PublishOutcome outcome) {
    }

    /** An unpublished container, which nobody sees: any failure to make one is transient or permanent. */
    private Container create(List<Parameter> parameters, String step) {
        GraphResult<GraphResponse> result = graph.call(client -> client.publish(edges.userId() + "/" + edges.container(),
                GraphResponse.class, parameters.toArray(Parameter[]::new)));
        return switch (result) {
            case GraphResult.Failed<GraphResponse> failed -> new Container(null, beforePublishing(failed, step));
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new Container(ok.value().getId(), null);
            case GraphResult.Ok<GraphResponse> ok -> new Container(null, new PublishOutcome.Transient(edges.platform()
                    + " answered the container request without an id (while " + step + "); nothing was published",
                    Optional.empty()));
        };
    }

    /** Checks the container until it is {@code FINISHED} (empty); otherwise the outcome to report. */
    private Optional<PublishOutcome> awaitFinished(String containerId, BooleanSupplier mayContinue) {
        String last = "unknown";
        for (int check = 1; check <= maxStatusChecks; check++) {
            if (!mayContinue.getAsBoolean()) {
                return Optional.of(PublishOutcome.stoppedByPause("while waiting for container " + containerId));
            }
            GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(containerId, JsonObject.class,
                    Parameter.withFields(status.field() + "," + status.detail())));
            if (result instanceof GraphResult.Failed<JsonObject> failed) {
                return Optional.of(beforePublishing(failed, "checking container " + containerId));
            }
            JsonObject answer = ((GraphResult.Ok<JsonObject>) result).value();
            String state = GraphJson.text(answer, status.field()).orElse("").toUpperCase(Locale.ROOT);
            String detail = GraphJson.text(answer, status.detail()).filter(s -> !s.isBlank()).orElse("");
            if (state.equals("FINISHED")) {
                return Optional.empty();
            }
            if (state.equals("PUBLISHED")) {
                return Optional.of(new PublishOutcome.Unknown("container " + containerId
                        + " is already PUBLISHED although this attempt did not publish it"));
            }
            PublishOutcome ended = status.ended().outcome(containerId, state, detail);
            if (ended != null) {
                return Optional.of(ended);
            }
            last = (state.isEmpty() ? "without " + status.field() : state) + (detail.isEmpty() ? "" : " (" + detail + ")");
            if (check < maxStatusChecks && !pause()) {
                return Optional.of(new PublishOutcome.Transient(
                        "interrupted while waiting for container " + containerId + "; nothing was published",
                        Optional.empty()));
            }
        }
        return Optional.of(new PublishOutcome.Transient("container " + containerId + " was not ready after "
                + maxStatusChecks + " checks (last: " + last + "); nothing was published", Optional.empty()));
    }

    /** Refuses to start when the quota is used up; lets the platform decide when the quota cannot be read. */
    private Optional<PublishOutcome> checkQuota() {
        return switch (readQuota()) {
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok when ok.value().isPresent()
                    && ok.value().get().exhausted() -> Optional.of(new PublishOutcome.Transient(edges.platform()
                            + " publishing quota used up: " + ok.value().get().used() + " of "
                            + ok.value().get().total() + " posts in the last " + ok.value().get().window()
                            + "; checking again in " + QUOTA_RETRY_AFTER + " (" + edges.platform()
                            + " does not say when the oldest post leaves the window)", Optional.of(QUOTA_RETRY_AFTER),
                            Optional.of(PublishOutcome.AccountTrouble.QUOTA_EXHAUSTED)));
            case GraphResult.Ok<Optional<QuotaReading.Quota>> ok -> {
                if (ok.value().isEmpty()) {
                    // the platform enforces the limit itself (Instagram's 9/2207042, classified as transient)
                    log.warn("{} answered {} in an unexpected shape; publishing without the check", edges.platform(),
                            edges.limit());
                }
                yield Optional.empty();
            }
            case GraphResult.Failed<Optional<QuotaReading.Quota>> failed ->
                    Optional.of(beforePublishing(failed, "reading the publishing quota"));
        };
    }

    private GraphResult<Optional<QuotaReading.Quota>> readQuota() {
        return graph.call(client -> QuotaReading.fromPublishingLimit(client.fetchObject(
                edges.userId() + "/" + edges.limit(), JsonObject.class, Parameter.withFields("quota_usage,config"))));
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

    /** Nothing is public before the publish request, so a lost answer there is only a reason to try again. */
    private static PublishOutcome beforePublishing(GraphResult.Failed<?> failed, String step) {
        return failed.beforeThePost(step, NOTHING_SHOWS);
    }

    private static List<Parameter> joined(List<Parameter> first, List<Parameter> then) {
        List<Parameter> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
