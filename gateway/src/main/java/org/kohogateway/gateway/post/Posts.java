package org.kohogateway.gateway.post;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.ConflictException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and stores post aggregates with their deliveries, writing the aggregate's events to the audit trail and
 * publishing its announcements, both in the saving transaction.
 */
@Repository
class Posts {

    /** The images' column: a list of {@link PostMedia}, read and written whole with the post. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final AuditTrail audit;
    private final ApplicationEventPublisher publisher;

    Posts(JdbcClient jdbc, NamedParameterJdbcTemplate batch, AuditTrail audit, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.audit = audit;
        this.publisher = publisher;
    }

    Optional<Post> find(PostId id) {
        return jdbc.sql("select * from post where id = :id").param("id", id.value()).query(this::post).optional();
    }

    /** The post, if these readers may read it. */
    Optional<Post> find(PostId id, Readers readers) {
        return jdbc.sql("select * from post p where p.id = :id and " + readers.posts())
                .params(readers.params()).param("id", id.value()).query(this::post).optional();
    }

    /** These posts, those that exist, with their deliveries: two statements, however many. */
    List<Post> findAll(Collection<PostId> ids) {
        Object[] values = ids.stream().map(PostId::value).toArray(UUID[]::new);
        Map<UUID, List<Delivery>> deliveries = new HashMap<>();
        jdbc.sql(SELECT_DELIVERIES + " where post_id = any(:posts) order by post_id, account_id")
                .param("posts", values)
                .query((rs, n) -> deliveries.computeIfAbsent(rs.getObject("post_id", UUID.class),
                        post -> new ArrayList<>()).add(delivery(rs)))
                .list();
        return jdbc.sql("select * from post where id = any(:ids)").param("ids", values)
                .query((rs, n) -> post(rs, id -> deliveries.getOrDefault(id.value(), new ArrayList<>())))
                .list();
    }

    /** Lists posts, newest first. */
    List<Post> list(PostFilter filter) {
        return jdbc.sql("""
                select * from post p
                where (cast(:author as bigint) is null or p.author_id = :author)
                  and (cast(:status as text) is null or p.status = :status)
                  and """ + filter.readers().posts() + """
                order by p.created_at desc
                limit :limit
                """)
                .params(filter.readers().params())
                .param("author", filter.authorId())
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("limit", filter.limit())
                .query(this::post)
                .list();
    }

    /** The posts that correct this one (guideline §7-①), oldest first. */
    List<Post> correctionsOf(PostId original) {
        return jdbc.sql("select * from post where correction_of = :original order by created_at")
                .param("original", original.value())
                .query(this::post)
                .list();
    }

    /** The corrections of this post these readers may read, oldest first. */
    List<Post> correctionsOf(PostId original, Readers readers) {
        return jdbc.sql("select * from post p where p.correction_of = :original and " + readers.posts()
                + " order by p.created_at")
                .params(readers.params())
                .param("original", original.value())
                .query(this::post)
                .list();
    }

    /** PR direct-publish drafts (written by an officer or created by the press-release feed), newest first. */
    List<Post> directDrafts(int limit) {
        return jdbc.sql("""
                select * from post where route = 'PR_DIRECT' and status = 'DRAFT'
                order by created_at desc, id
                limit :limit
                """)
                .param("limit", limit)
                .query(this::post)
                .list();
    }

    /**
     * Posts submitted for approval on a route and department the given approver serves, that these readers may read
     * (a token limited to some accounts: only posts all of whose accounts are among them, the ones it may decide).
     */
    List<Post> awaitingDecision(List<ApprovalRoute> routes, @Nullable Long departmentId, boolean pr,
            long excludeAuthor, Readers readers) {
        if (routes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select * from post p
                where p.status = 'SUBMITTED' and p.route in (:routes) and p.author_id <> :me
                  and p.submitted_by is distinct from :me
                  and (p.route = 'PR_REVIEW' or p.department_id = :department
                       or p.route = 'TEMPLATE_CONFIRM' and :pr)
                  and """ + readers.posts() + """
                order by coalesce(p.scheduled_at, p.created_at)
                """)
                .params(readers.params())
                .param("routes", routes.stream().map(Enum::name).toList())
                .param("me", excludeAuthor)
                .param("department", departmentId == null ? -1L : departmentId)
                .param("pr", pr)
                .query(this::post)
                .list();
    }

    /** Posts with a delivery to the account that has not started yet. */
    List<Post> withPendingDeliveriesTo(long accountId) {
        return jdbc.sql("""
                select * from post p
                where exists (select 1 from delivery d where d.post_id = p.id and d.account_id = :account
                              and d.status in (:pending))
                order by p.created_at
                """)
                .param("account", accountId)
                .param("pending", DeliveryStatus.NOT_STARTED.stream().map(Enum::name).toList())
                .query(this::post)
                .list();
    }

    private static final String INSERT_POST = """
            insert into post (id, author_id, text, links, media_urls, media, reply_to, quote_of, proposal, category, route, department_id,
                source_url, correction_of, scheduled_at, status, content_hash, approved_hash, acknowledged, decided_by, decided_at,
                decision_comment, version, created_at, updated_at, source_title, source_sha256, source_fetched_at,
                submitted_by, drill)
            values (:id, :author, :text, :links, :media, cast(:images as jsonb), :replyTo, :quoteOf, :proposal, :category, :route, :department,
                :source, :correctionOf, :scheduled, :status, :hash, :approved, :acknowledged, :decidedBy, :decidedAt,
                :comment, 0, :created, :updated, :sourceTitle, :sourceSha256, :sourceFetchedAt, :submittedBy, :drill)
            """;

    private static final String INSERT_DELIVERY = """
            insert into delivery (id, post_id, account_id, status, due_at, updated_at)
            values (:id, :post, :account, :status, :due, :now)
            """;

    void insert(Post post, String actor) {
        jdbc.sql(INSERT_POST)
                .params(postParams(post))
                .param("drill", post.drill())
                .update();
        for (Delivery d : post.deliveries()) {
            jdbc.sql(INSERT_DELIVERY).paramSource(deliveryParams(post, d)).update();
        }
        writeEvents(post, actor);
    }

    private static MapSqlParameterSource deliveryParams(Post post, Delivery d) {
        return new MapSqlParameterSource()
                .addValue("id", d.id())
                .addValue("post", post.id().value())
                .addValue("account", d.accountId())
                .addValue("status", d.status().name())
                .addValue("due", timestamp(d.dueAt()))
                .addValue("now", timestamp(post.updatedAt()));
    }

    /**
     * Inserts new posts with their deliveries, audit entries and announcements, each kind in one batch: a chunk of
     * imported rows costs a handful of round trips, not several per row. The posts awaiting approval among them are
     * announced together ({@link PostsAwaitingApproval}).
     */
    void insertAll(List<Post> posts, String actor) {
        batch.batchUpdate(INSERT_POST, posts.stream()
                .map(post -> new MapSqlParameterSource(postParams(post)).addValue("drill", post.drill()))
                .toArray(SqlParameterSource[]::new));
        batch.batchUpdate(INSERT_DELIVERY, posts.stream().flatMap(post -> post.deliveries().stream()
                .map(d -> deliveryParams(post, d))).toArray(SqlParameterSource[]::new));
        List<AuditTrail.Entry> entries = new ArrayList<>();
        List<PostAwaitingApproval> waiting = new ArrayList<>();
        for (Post post : posts) {
            post.drainEvents().forEach(e -> entries.add(new AuditTrail.Entry(actor, e.action(), e.subjectType(),
                    e.subjectId(), e.before(), e.after(), e.detail())));
            for (Object announcement : post.drainAnnouncements()) {
                if (announcement instanceof PostAwaitingApproval one) {
                    waiting.add(one);
                } else {
                    publisher.publishEvent(announcement);
                }
            }
        }
        audit.recordAll(entries);
        if (!waiting.isEmpty()) {
            publisher.publishEvent(new PostsAwaitingApproval(waiting));
        }
    }

    /** Saves the aggregate if nobody changed it since it was loaded; otherwise refuses with a conflict. */
    void update(Post post, String actor) {
        int rows = jdbc.sql("""
                update post set text = :text, links = :links, media_urls = :media, media = cast(:images as jsonb),
                    reply_to = :replyTo,
                    quote_of = :quoteOf, proposal = :proposal, category = :category, scheduled_at = :scheduled, status = :status,
                    content_hash = :hash, approved_hash = :approved, acknowledged = :acknowledged, decided_by = :decidedBy,
                    decided_at = :decidedAt, decision_comment = :comment, version = version + 1, updated_at = :updated,
                    route = :route, source_title = :sourceTitle, source_sha256 = :sourceSha256,
                    source_fetched_at = :sourceFetchedAt, submitted_by = :submittedBy
                where id = :id and version = :version
                """)
                .params(postParams(post))
                .param("version", post.version())
                .update();
        if (rows != 1) {
            throw concurrentChange(post);
        }
        for (Delivery d : post.deliveries()) {
            DeliveryStatus loaded = post.loadedStatus(d);
            if (loaded == d.status()) {
                continue;
            }
            // conditional on the state we decided from: the dispatcher may have claimed it meanwhile
            int changed = jdbc.sql("""
                    update delivery set status = :status, due_at = :due, hold_reason = :holdReason,
                        policy_version = :policyVersion, updated_at = :now,
                        -- a person's change (a new time, "send again", a cancel) ends an emergency override, and
                        -- settles an earlier attempt whose answer was lost: the person looked
                        pause_override = false, override_decided_at = null, outcome_unknown = false
                    where id = :id and status = :loaded
                    """)
                    .param("status", d.status().name())
                    .param("policyVersion", d.policyVersion())
                    .param("due", timestamp(d.dueAt()))
                    .param("holdReason", d.holdReason())
                    .param("now", timestamp(post.updatedAt()))
                    .param("id", d.id())
                    .param("loaded", loaded.name())
                    .update();
            if (changed != 1) {
                throw concurrentChange(post);
            }
        }
        writeEvents(post, actor);
    }

    private static ConflictException concurrentChange(Post post) {
        return new ConflictException("post.concurrentChange",
                "post " + post.id() + " was changed by someone else meanwhile; reload and try again", post.id());
    }

    private void writeEvents(Post post, String actor) {
        for (PostEvent e : post.drainEvents()) {
            audit.record(actor, e.action(), e.subjectType(), e.subjectId(), e.before(), e.after(), e.detail());
        }
        post.drainAnnouncements().forEach(publisher::publishEvent);
    }

    private static java.util.Map<String, Object> postParams(Post post) {
        var p = new java.util.HashMap<String, Object>();
        p.put("id", post.id().value());
        p.put("author", post.authorId());
        p.put("text", post.content().text());
        p.put("links", post.content().links().stream().map(URI::toString).toArray(String[]::new));
        p.put("media", post.content().mediaUrls().stream().map(URI::toString).toArray(String[]::new));
        p.put("images", JSON.writeValueAsString(post.content().media()));
        p.put("replyTo", post.content().replyTo());
        p.put("quoteOf", post.content().quoteOf());
        p.put("proposal", post.content().proposal());
        p.put("acknowledged", post.acknowledged().toArray(String[]::new));
        p.put("category", post.content().category().name());
        p.put("route", post.route().name());
        p.put("department", post.departmentId());
        p.put("source", post.sourceUrl());
        p.put("correctionOf", post.correctionOf() == null ? null : post.correctionOf().value());
        p.put("scheduled", timestamp(post.scheduledAt()));
        p.put("status", post.status().name());
        p.put("hash", post.contentHash());
        p.put("approved", post.approvedHash());
        p.put("decidedBy", post.decidedBy());
        p.put("decidedAt", timestamp(post.decidedAt()));
        p.put("comment", post.decisionComment());
        p.put("created", timestamp(post.createdAt()));
        p.put("updated", timestamp(post.updatedAt()));
        SourcePage page = post.sourcePage();
        p.put("sourceTitle", page == null ? null : page.title());
        p.put("sourceSha256", page == null ? null : page.sha256());
        p.put("sourceFetchedAt", page == null ? null : timestamp(page.fetchedAt()));
        p.put("submittedBy", post.submittedBy());
        return p;
    }

    static List<PostMedia> images(String json) {
        // most posts carry no image, and every claimed delivery and every post read comes through here
        if ("[]".equals(json)) {
            return List.of();
        }
        return List.of(JSON.readValue(json, PostMedia[].class));
    }

    private Post post(ResultSet rs, int row) throws SQLException {
        return post(rs, this::deliveries);
    }

    private Post post(ResultSet rs, Function<PostId, List<Delivery>> deliveries) throws SQLException {
        PostId id = new PostId(rs.getObject("id", UUID.class));
        PostContent content = new PostContent(rs.getString("text"), uris(rs.getArray("links")),
                PostCategory.valueOf(rs.getString("category")), uris(rs.getArray("media_urls")), rs.getString("reply_to"),
                rs.getString("quote_of"), rs.getString("proposal"),
                images(rs.getString("media")));
        long decidedBy = rs.getLong("decided_by");
        Long decidedByOrNull = rs.wasNull() ? null : decidedBy;
        long submittedBy = rs.getLong("submitted_by");
        Long submittedByOrNull = rs.wasNull() ? null : submittedBy;
        Instant fetchedAt = instant(rs, "source_fetched_at");
        SourcePage page = fetchedAt == null ? null
                : new SourcePage(rs.getString("source_title"), rs.getString("source_sha256"), fetchedAt);
        return new Post(id, rs.getLong("author_id"), ApprovalRoute.valueOf(rs.getString("route")),
                rs.getLong("department_id"), rs.getString("source_url"), correctionOf(rs), instant(rs, "created_at"),
                content,
                instant(rs, "scheduled_at"), PostStatus.valueOf(rs.getString("status")), rs.getString("approved_hash"),
                decidedByOrNull, instant(rs, "decided_at"), rs.getString("decision_comment"),
                new LinkedHashSet<>(Arrays.asList((String[]) rs.getArray("acknowledged").getArray())), deliveries.apply(id),
                rs.getInt("version"), instant(rs, "updated_at"), page, submittedByOrNull, rs.getBoolean("drill"));
    }

    private static final String SELECT_DELIVERIES = """
            select id, post_id, account_id, status, due_at, attempts, platform_post_id, last_error, sent_at,
                   hold_reason, policy_version
            from delivery
            """;

    private List<Delivery> deliveries(PostId id) {
        return new ArrayList<>(jdbc.sql(SELECT_DELIVERIES + " where post_id = :post order by account_id")
                .param("post", id.value())
                .query((rs, n) -> delivery(rs))
                .list());
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getLong("account_id"),
                DeliveryStatus.valueOf(rs.getString("status")), instant(rs, "due_at"), rs.getInt("attempts"),
                rs.getString("platform_post_id"), rs.getString("last_error"), instant(rs, "sent_at"),
                rs.getString("hold_reason"), rs.getObject("policy_version", Integer.class));
    }

    private static @Nullable PostId correctionOf(ResultSet rs) throws SQLException {
        UUID original = rs.getObject("correction_of", UUID.class);
        return original == null ? null : new PostId(original);
    }

    static List<URI> uris(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(URI::create).toList();
    }

    static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
