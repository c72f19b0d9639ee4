package org.kohogateway.connectors.threads;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.graph.GraphClient;
import org.kohogateway.connectors.graph.GraphJson;
import org.kohogateway.connectors.graph.GraphResult;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.types.GraphResponse;

/**
 * The unpublished half of a Threads post: media containers ({@code POST /{threads-user-id}/threads}) and the wait
 * until Threads has fetched and processed them ({@code GET /{container-id}?fields=status,error_message}). Nothing
 * here is public, and an unpublished container expires by itself after 24 hours, so every failure is
 * {@link PublishOutcome.Transient} or {@link PublishOutcome.Permanent}, never unknown: a later attempt makes new
 * containers.
 */
final class ThreadsContainers {

    /**
     * Container {@code error_message} values after which a new container may well succeed: Threads could not fetch
     * the media (the gateway's address was briefly unreachable) or does not know why. The others Meta lists
     * ({@code INVALID_ASPEC_RATIO}, {@code FAILED_PROCESSING_VIDEO}, …) say the media itself is refused.
     */
    private static final List<String> WORTH_A_NEW_CONTAINER = List.of("FAILED_DOWNLOADING", "UNKNOWN");

    private static final String NOTHING_SHOWS = "an unpublished container expires by itself after 24 hours";

    private final GraphClient graph;
    private final String threadsUserId;
    private final Duration pollInterval;
    private final int maxStatusChecks;

    ThreadsContainers(GraphClient graph, String threadsUserId, Duration pollInterval, int maxStatusChecks) {
        this.graph = graph;
        this.threadsUserId = threadsUserId;
        this.pollInterval = pollInterval;
        this.maxStatusChecks = maxStatusChecks;
    }

    /** Either a container's id or what to report instead. */
    record Container(@Nullable String id, @Nullable PublishOutcome outcome) {
    }

    /** Creates one container; {@code step} says which, for people. */
    Container create(List<Parameter> parameters, String step) {
        GraphResult<GraphResponse> result = graph.call(client -> client.publish(threadsUserId + "/threads",
                GraphResponse.class, parameters.toArray(Parameter[]::new)));
        return switch (result) {
            case GraphResult.Failed<GraphResponse> failed -> new Container(null, beforePublishing(failed, step));
            case GraphResult.Ok<GraphResponse> ok when ok.value() != null && ok.value().getId() != null
                    && !ok.value().getId().isBlank() -> new Container(ok.value().getId(), null);
            case GraphResult.Ok<GraphResponse> ok -> new Container(null, new PublishOutcome.Transient("Threads answered "
                    + step + " without a container id; nothing was published", Optional.empty()));
        };
    }

    /**
     * Checks the container until it is {@code FINISHED} (empty), asking {@code mayContinue} before every check;
     * otherwise the outcome to report.
     */
    Optional<PublishOutcome> awaitFinished(String containerId, BooleanSupplier mayContinue) {
        String lastStatus = "unknown";
        for (int check = 1; check <= maxStatusChecks; check++) {
            if (!mayContinue.getAsBoolean()) {
                return Optional.of(PublishOutcome.stoppedByPause("while waiting for container " + containerId));
            }
            GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(containerId, JsonObject.class,
                    Parameter.withFields("status,error_message")));
            if (result instanceof GraphResult.Failed<JsonObject> failed) {
                return Optional.of(beforePublishing(failed, "checking container " + containerId));
            }
            JsonObject container = ((GraphResult.Ok<JsonObject>) result).value();
            String status = GraphJson.text(container, "status").orElse("").toUpperCase(Locale.ROOT);
            String error = GraphJson.text(container, "error_message").filter(s -> !s.isBlank()).orElse("");
            switch (status) {
                case "FINISHED" -> {
                    return Optional.empty();
                }
                case "ERROR" -> {
                    return Optional.of(failed(containerId, error));
                }
                case "EXPIRED" -> {
                    return Optional.of(new PublishOutcome.Transient("container " + containerId
                            + " EXPIRED before it was published; nothing was published", Optional.empty()));
                }
                case "PUBLISHED" -> {
                    return Optional.of(new PublishOutcome.Unknown("container " + containerId
                            + " is already PUBLISHED although this attempt did not publish it"));
                }
                default -> lastStatus = status.isEmpty() ? "without status" : status;
            }
            if (check < maxStatusChecks && !pause()) {
                return Optional.of(new PublishOutcome.Transient(
                        "interrupted while waiting for container " + containerId + "; nothing was published",
                        Optional.empty()));
            }
        }
        return Optional.of(new PublishOutcome.Transient("container " + containerId + " was not ready after "
                + maxStatusChecks + " checks (last: " + lastStatus + "); nothing was published", Optional.empty()));
    }

    /** Nothing is public before {@code threads_publish}, so a lost answer before it is only a reason to try again. */
    static PublishOutcome beforePublishing(GraphResult.Failed<?> failed, String step) {
        return failed.beforeThePost(step, NOTHING_SHOWS);
    }

    private static PublishOutcome failed(String containerId, String error) {
        String reason = "Threads could not prepare the post: container " + containerId + " is ERROR ("
                + (error.isEmpty() ? "no error_message" : error) + "); nothing was published";
        String upper = error.toUpperCase(Locale.ROOT);
        boolean worthANewContainer = error.isEmpty() || WORTH_A_NEW_CONTAINER.stream().anyMatch(upper::startsWith);
        return worthANewContainer
                ? new PublishOutcome.Transient(reason + ", and a new container may succeed", Optional.empty())
                : new PublishOutcome.Permanent(reason);
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
}
