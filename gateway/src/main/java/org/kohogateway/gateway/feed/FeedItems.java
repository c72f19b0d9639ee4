package org.kohogateway.gateway.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.support.HttpValidators;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feed tables: items seen (the dedup keys), conditional GET state, the poll log. */
@Repository
class FeedItems {

    private final JdbcClient jdbc;

    FeedItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HttpValidators> validators(String url) {
        return jdbc.sql("select etag, last_modified from feed_state where url = :url").param("url", url)
                .query((rs, n) -> new HttpValidators(rs.getString("etag"), rs.getString("last_modified"))).optional();
    }

    void saveValidators(String url, HttpValidators validators) {
        jdbc.sql("""
                insert into feed_state (url, etag, last_modified) values (:url, :etag, :lastModified)
                on conflict (url) do update set etag = excluded.etag, last_modified = excluded.last_modified
                """).param("url", url).param("etag", validators.etag())
                .param("lastModified", validators.lastModified()).update();
    }

    /**
     * Takes the feed's poll lease for {@code holder} unless another poll holds an unexpired one.
     *
     * @return whether this holder may poll now
     */
    boolean takePollLease(String url, String holder, Instant now, Instant until) {
        return jdbc.sql("""
                insert into feed_state (url, poll_holder, poll_lease_until) values (:url, :holder, :until)
                on conflict (url) do update set poll_holder = excluded.poll_holder,
                    poll_lease_until = excluded.poll_lease_until
                where feed_state.poll_lease_until is null or feed_state.poll_lease_until <= :now
                returning url
                """).param("url", url).param("holder", holder).param("until", Timestamp.from(until))
                .param("now", Timestamp.from(now)).query(String.class).optional().isPresent();
    }

    /** Gives the lease back, if this holder still has it (an expired one may have been taken by another poll). */
    void releasePollLease(String url, String holder) {
        jdbc.sql("update feed_state set poll_holder = null, poll_lease_until = null where url = :url and poll_holder = :holder")
                .param("url", url).param("holder", holder).update();
    }

    /** Claims a link for a new draft; false if it was seen before (and marks it as still in the feed). */
    boolean claim(String link, String feedUrl, String title, Instant now) {
        int inserted = jdbc.sql("""
                insert into feed_item (link, feed_url, title, first_seen_at, last_seen_at)
                values (:link, :feed, :title, :now, :now) on conflict (link) do nothing
                """).param("link", link).param("feed", feedUrl).param("title", title)
                .param("now", Timestamp.from(now)).update();
        if (inserted == 0) {
            jdbc.sql("update feed_item set last_seen_at = :now where link = :link").param("link", link)
                    .param("now", Timestamp.from(now)).update();
        }
        return inserted == 1;
    }

    void drafted(String link, PostId post) {
        jdbc.sql("update feed_item set post_id = :post where link = :link").param("link", link)
                .param("post", post.value()).update();
    }

    void problem(String link, String problem) {
        jdbc.sql("update feed_item set problem = :problem where link = :link").param("link", link)
                .param("problem", problem).update();
    }

    Optional<PostId> draftOf(String link) {
        return jdbc.sql("select post_id from feed_item where link = :link and post_id is not null").param("link", link)
                .query((rs, n) -> new PostId(rs.getObject(1, java.util.UUID.class))).optional();
    }

    FeedPoll log(String url, Instant at, FeedPoll.Outcome outcome, @Nullable Integer status, int newItems,
            @Nullable String problem) {
        long id = jdbc.sql("""
                insert into feed_poll (url, polled_at, outcome, http_status, new_items, problem)
                values (:url, :at, :outcome, :status, :items, :problem) returning id
                """).param("url", url).param("at", Timestamp.from(at)).param("outcome", outcome.name())
                .param("status", status).param("items", newItems).param("problem", problem)
                .query(Long.class).single();
        return new FeedPoll(id, url, at, outcome, status, newItems, problem);
    }

    List<FeedPoll> polls(int limit) {
        return jdbc.sql("select * from feed_poll order by id desc limit :limit").param("limit", limit)
                .query((rs, n) -> new FeedPoll(rs.getLong("id"), rs.getString("url"),
                        rs.getTimestamp("polled_at").toInstant(), FeedPoll.Outcome.valueOf(rs.getString("outcome")),
                        rs.getObject("http_status", Integer.class), rs.getInt("new_items"), rs.getString("problem")))
                .list();
    }

    /** Forgets items no longer seen in any feed since the cutoff, and polls logged before it. */
    int purgeBefore(Instant cutoff) {
        int items = jdbc.sql("delete from feed_item where last_seen_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
        int polls = jdbc.sql("delete from feed_poll where polled_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff)).update();
        return items + polls;
    }
}
