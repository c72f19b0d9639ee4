package org.kohogateway.gateway.post;

import static org.kohogateway.gateway.post.Posts.timestamp;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.SearchBounds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The send log: deliveries as people read them (the send log page and API, the dashboard's agenda and held list, a
 * pause's report). Read-only; the dispatcher's side is {@link Deliveries}.
 *
 * <p>A filter that is null does not filter: the SQL says {@code cast(:x as …) is null or …}, the convention of every
 * query of the gateway.
 */
@Service
public class SendLog {

    private final JdbcClient jdbc;

    SendLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deliveries whose platform request has started and not yet finished, on one account (or all accounts). */
    @Transactional(readOnly = true)
    public List<DeliveryView> inFlight(@Nullable Long accountId) {
        return views("""
                where d.status = 'SENDING' and d.send_started_at is not null
                  and (cast(:account as bigint) is null or d.account_id = :account)
                """, filters("account", accountId));
    }

    @Transactional(readOnly = true)
    public List<DeliveryView> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return views("where d.id in (:ids)", Map.of("ids", ids));
    }

    /** Deliveries across posts for the send log, newest first, filtered by what is given. */
    @Transactional(readOnly = true)
    public List<DeliveryView> list(@Nullable DeliveryStatus status, @Nullable Long accountId, int limit) {
        return views("""
                where (cast(:status as text) is null or d.status = :status)
                  and (cast(:account as bigint) is null or d.account_id = :account)
                order by d.updated_at desc
                limit :limit
                """, filters("status", status == null ? null : status.name(), "account", accountId, "limit", limit));
    }

    /**
     * SCHEDULED deliveries nearest first (the dashboard's agenda): those to the accounts of one department (or every
     * account), of one category of post (or any), at most {@code limit}. Served by the {@code delivery_due} index.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> scheduled(@Nullable Long departmentId, @Nullable PostCategory category, int limit) {
        return views("""
                join official_account a on a.id = d.account_id
                join post p on p.id = d.post_id
                where d.status = 'SCHEDULED'
                  and (cast(:department as bigint) is null or a.department_id = :department)
                  and (cast(:category as text) is null or p.category = :category)
                order by d.due_at, d.id
                limit :limit
                """, filters("department", departmentId, "category", category == null ? null : category.name(),
                "limit", limit));
    }

    /**
     * HELD deliveries by the time they were meant to go out (their post's time, or when they were held if it was to
     * go as soon as approved), earliest first: those to the accounts of one department (or every account), at most
     * {@code limit}. Served by the {@code delivery_held} index.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> held(@Nullable Long departmentId, int limit) {
        return views("""
                join official_account a on a.id = d.account_id
                join post p on p.id = d.post_id
                where d.status = 'HELD'
                  and (cast(:department as bigint) is null or a.department_id = :department)
                order by coalesce(p.scheduled_at, d.updated_at), d.id
                limit :limit
                """, filters("department", departmentId, "limit", limit));
    }

    /**
     * The send log search: by state, account, time range (of the last change) and actor (the post's author or
     * approver) among the deliveries these readers may read, by the filters given. Newest first.
     */
    @Transactional(readOnly = true)
    public List<DeliveryView> search(Readers readers, @Nullable DeliveryStatus status, @Nullable Long accountId,
            @Nullable Instant from, @Nullable Instant to, @Nullable String actor, int limit) {
        Map<String, @Nullable Object> params = new HashMap<>(readers.params());
        params.put("status", status == null ? null : status.name());
        params.put("account", accountId);
        params.put("from", timestamp(SearchBounds.clamp(from, SearchBounds.EARLIEST)));
        params.put("to", timestamp(SearchBounds.clamp(to, SearchBounds.LATEST)));
        params.put("actor", actor);
        params.put("limit", limit);
        return views("""
                join post p on p.id = d.post_id
                join staff author on author.id = p.author_id
                left join staff approver on approver.id = p.decided_by
                where (cast(:status as text) is null or d.status = :status)
                  and (cast(:account as bigint) is null or d.account_id = :account)
                  and d.updated_at >= :from and d.updated_at < :to
                  and (cast(:actor as text) is null or author.username = :actor or approver.username = :actor)
                  and """ + readers.deliveries() + """
                order by d.updated_at desc
                limit :limit
                """, params);
    }

    private List<DeliveryView> views(String where, Map<String, ?> params) {
        return jdbc.sql("""
                select d.id, d.post_id, d.account_id, d.status, d.due_at, d.attempts, d.platform_post_id, d.last_error,
                       d.sent_at, d.updated_at, d.hold_reason
                from delivery d
                """ + where)
                .params(params)
                .query((rs, n) -> new DeliveryView(rs.getObject("id", UUID.class),
                        new PostId(rs.getObject("post_id", UUID.class)), rs.getLong("account_id"),
                        DeliveryStatus.valueOf(rs.getString("status")), Posts.instant(rs, "due_at"),
                        rs.getInt("attempts"), rs.getString("platform_post_id"), rs.getString("last_error"),
                        Posts.instant(rs, "sent_at"), Posts.instant(rs, "updated_at"), rs.getString("hold_reason")))
                .list();
    }

    /** Query parameters that may be null (a filter not given), which {@link Map#of} refuses. */
    private static Map<String, @Nullable Object> filters(@Nullable Object... namesAndValues) {
        Map<String, @Nullable Object> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }
}
