package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deliveries placed in time for the calendar: waiting (SCHEDULED, HELD), being sent (SENDING) and sent (SENT), each
 * at the time it goes or went out. One statement per range, served by the {@code delivery_calendar} and
 * {@code delivery_held} indexes.
 */
@Service
public class DeliveryCalendar {

    /** Characters of the post's text an entry carries. */
    public static final int EXCERPT = 40;

    /**
     * SCHEDULED and SENDING at their due time, SENT at the time they went out, HELD (no due time any more) at their
     * post's scheduled time, or when they were held if the post was to go out as soon as approved.
     */
    static final String ENTRIES = """
            select e.id, e.post_id, e.account_id, e.status, e.at, left(p.text, :chars) as excerpt,
                   char_length(p.text) > :chars as truncated,
                   cast(p.media -> 0 ->> 'mediaId' as bigint) as media_id,
                   coalesce(p.media -> 0 ->> 'altText', '') as media_alt, p.drill
            from (
                select d.id, d.post_id, d.account_id, d.status,
                       case when d.status = 'SENT' then d.sent_at else d.due_at end as at
                from delivery d
                where d.status in ('SCHEDULED', 'SENDING', 'SENT')
                  and (case when d.status = 'SENT' then d.sent_at else d.due_at end) >= :from
                  and (case when d.status = 'SENT' then d.sent_at else d.due_at end) < :to
                  and d.account_id in (:accounts)
                union all
                select d.id, d.post_id, d.account_id, d.status, coalesce(held.scheduled_at, d.updated_at) as at
                from delivery d join post held on held.id = d.post_id
                where d.status = 'HELD'
                  and coalesce(held.scheduled_at, d.updated_at) >= :from
                  and coalesce(held.scheduled_at, d.updated_at) < :to
                  and d.account_id in (:accounts)
                -- cut to the limit before reading the posts' texts
                order by at, account_id, id
                limit :limit
            ) e
            join post p on p.id = e.post_id
            order by e.at, e.account_id, e.id
            """;

    private final JdbcClient jdbc;

    DeliveryCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One delivery on the calendar.
     *
     * @param excerpt   the first {@link #EXCERPT} characters of the post's text
     * @param truncated whether the text goes on
     * @param mediaId   the post's first image, shown as a thumbnail; null when it carries none
     * @param mediaAlt  that image's alt text, empty when it has none
     * @param drill     the post is a drill: it goes to the staff's test recipients only
     */
    public record Entry(UUID deliveryId, PostId postId, long accountId, DeliveryStatus status, Instant at,
            String excerpt, boolean truncated, @Nullable Long mediaId, String mediaAlt, boolean drill) {
    }

    /**
     * The entries of these accounts from {@code from} (inclusive) to {@code to} (exclusive), in time order, at most
     * {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<Entry> entries(Instant from, Instant to, Collection<Long> accountIds, int limit) {
        if (accountIds.isEmpty() || !from.isBefore(to)) {
            return List.of();
        }
        return jdbc.sql(ENTRIES)
                .param("chars", EXCERPT)
                .param("from", timestamp(from))
                .param("to", timestamp(to))
                .param("accounts", List.copyOf(accountIds))
                .param("limit", limit)
                .query((rs, n) -> new Entry(rs.getObject("id", UUID.class),
                        new PostId(rs.getObject("post_id", UUID.class)), rs.getLong("account_id"),
                        DeliveryStatus.valueOf(rs.getString("status")), Posts.instant(rs, "at"),
                        rs.getString("excerpt"), rs.getBoolean("truncated"), rs.getObject("media_id", Long.class),
                        rs.getString("media_alt"), rs.getBoolean("drill")))
                .list();
    }
}
