package org.kohogateway.connectors.graph;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.PostText;
import org.kohogateway.connectors.RecentMatches;

import com.restfb.Parameter;
import com.restfb.json.JsonObject;
import com.restfb.json.JsonValue;

/**
 * Looks through a Graph API edge of posts ({@code /{page-id}/posts}, {@code /{ig-user-id}/media}), newest
 * first, for the posts made since a given time whose text matches ({@link PostText}), and answers as
 * {@link RecentMatches} decides. Shared by the Facebook Page and Instagram connectors' {@code findRecent}.
 *
 * <p>Follows the edge's cursor pagination for at most {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}; if
 * the posts since then do not fit, the answer is {@link FindOutcome.Failed} (or {@link FindOutcome.Ambiguous}),
 * never a guessed {@code NotFound} or {@code Found}. Posts older than {@code since} never match, even with
 * the same text: they are earlier posts, not the delivery being reconciled.
 */
public final class GraphPostLookup {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 5;

    /** The Graph API writes times as {@code 2025-10-01T09:00:00+0000}; the ISO form with a colon is accepted too. */
    private static final DateTimeFormatter GRAPH_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendOffset("+HHMM", "+0000").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private GraphPostLookup() {
    }

    /**
     * @param edge       the edge to read, e.g. {@code 1049…/posts}
     * @param parameters the edge's parameters besides {@code limit} and {@code after}
     * @param textField  the field holding the post's text ({@code message}, {@code caption})
     * @param timeField  the field holding when it was posted ({@code created_time}, {@code timestamp})
     * @param excludedPostIds posts recorded for other deliveries, never a match
     */
    public static FindOutcome find(GraphClient graph, String edge, List<Parameter> parameters, String textField,
            String timeField, String text, Instant since, Set<String> excludedPostIds) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(since, "since");
        if (text.isBlank()) {
            return new FindOutcome.Failed("nothing to look for: the text is empty");
        }
        RecentMatches matches = new RecentMatches(since, excludedPostIds);
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<Parameter> pageParameters = new ArrayList<>(parameters);
            pageParameters.add(Parameter.with("limit", PAGE_SIZE));
            if (after != null) {
                pageParameters.add(Parameter.with("after", after));
            }
            GraphResult<JsonObject> result = graph.call(client -> client.fetchObject(edge, JsonObject.class,
                    pageParameters.toArray(Parameter[]::new)));
            if (result instanceof GraphResult.Failed<JsonObject> failed) {
                return new FindOutcome.Failed(failed.reason());
            }
            JsonObject answer = ((GraphResult.Ok<JsonObject>) result).value();
            JsonValue data = answer == null ? null : answer.get("data");
            if (data == null || !data.isArray()) {
                return new FindOutcome.Failed("the answer for " + edge + " has no data list");
            }
            boolean reachedOlderPosts = false;
            for (JsonValue item : data.asArray()) {
                if (!item.isObject()) {
                    continue;
                }
                JsonObject post = item.asObject();
                Optional<Instant> postedAt = GraphJson.text(post, timeField).flatMap(GraphPostLookup::parseTime);
                if (postedAt.isPresent() && postedAt.get().isBefore(since)) {
                    reachedOlderPosts = true;
                    continue;
                }
                Optional<String> id = GraphJson.text(post, "id");
                if (id.isPresent() && PostText.matches(GraphJson.text(post, textField).orElse(null), text)) {
                    matches.add(id.get(), postedAt);
                }
            }
            Optional<JsonObject> paging = GraphJson.object(answer, "paging");
            boolean hasNext = paging.flatMap(p -> GraphJson.text(p, "next")).filter(s -> !s.isBlank()).isPresent();
            if (reachedOlderPosts || !hasNext) {
                return matches.outcome();
            }
            after = paging.flatMap(p -> GraphJson.object(p, "cursors")).flatMap(c -> GraphJson.text(c, "after"))
                    .filter(s -> !s.isBlank()).orElse(null);
            if (after == null) {
                return matches.incomplete("the answer for " + edge + " has a next page but no cursor to reach it");
            }
        }
        return matches.incomplete("more than " + MAX_PAGES * PAGE_SIZE + " posts since " + since
                + ": too many to be sure which of them is the delivery's");
    }

    static Optional<Instant> parseTime(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value.strip(), GRAPH_TIME).toInstant());
        } catch (RuntimeException unreadable) { // DateTimeParseException, or a value that is no time at all
            return Optional.empty();
        }
    }
}
