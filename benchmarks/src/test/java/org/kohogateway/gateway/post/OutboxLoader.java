package org.kohogateway.gateway.post;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import org.kohogateway.gateway.account.AccountStatus;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the outbox for benchmarks with COPY instead of walking the workflow for each post: approved posts whose
 * approval hash is their real content fingerprint (text and targets), on the given accounts, with SCHEDULED
 * deliveries — rows the dispatcher's claim really takes, nothing it would skip.
 */
@TestComponent
public class OutboxLoader {

    private static final int CHUNK = 5_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OutboxLoader(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** A delivery as loaded. */
    public record Loaded(UUID id, long accountId, Instant dueAt) {
    }

    /**
     * Who wrote and approved the loaded posts, and for which department; all accounts must belong to it.
     *
     * @param authorId   a POSTER of the department
     * @param approverId an APPROVER of the department
     */
    public record Approval(long authorId, long approverId, long departmentId) {
    }

    /**
     * Loads {@code count} deliveries: post {@code n} targets {@code targetsPerPost} consecutive accounts (round robin
     * over {@code accounts}), and delivery {@code i} is due at {@code dueAt.apply(i)}.
     *
     * @return the deliveries in load order
     */
    public List<Loaded> load(Approval approval, List<Long> accounts, int count, int targetsPerPost,
            IntFunction<Instant> dueAt, String text) {
        List<Loaded> loaded = new ArrayList<>(count);
        copy(approval, accounts, count, targetsPerPost, dueAt, text, loaded);
        return loaded;
    }

    /** As {@link #load} without keeping what was loaded in memory (a million rows). */
    public void loadQuietly(Approval approval, List<Long> accounts, int count, int targetsPerPost,
            IntFunction<Instant> dueAt, String text) {
        copy(approval, accounts, count, targetsPerPost, dueAt, text, null);
    }

    /** Refreshes the planner's statistics after a bulk load, as autovacuum would soon after. */
    public void analyze() {
        jdbc.sql("analyze delivery").update();
        jdbc.sql("analyze post").update();
    }

    /**
     * The plan PostgreSQL chooses for the dispatcher's claim statement at {@code now}, executed ({@code EXPLAIN
     * ANALYZE}) in a transaction that is rolled back, so nothing is claimed.
     */
    public String explainClaim(Instant now, int limit) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            return String.join("\n", jdbc.sql("explain (analyze, buffers) " + Deliveries.CLAIM)
                    .params(Map.of("now", Posts.timestamp(now), "horizon", Posts.timestamp(now.plus(Duration.ofMinutes(30))),
                            "inService", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList(),
                            "limit", limit, "instance", "explain", "leaseUntil", Posts.timestamp(now.plus(Duration.ofMinutes(2)))))
                    .query(String.class).list());
        });
    }

    private void copy(Approval approval, List<Long> accounts, int count, int targetsPerPost, IntFunction<Instant> dueAt,
            String text, List<Loaded> sink) {
        if (targetsPerPost > accounts.size()) {
            throw new IllegalArgumentException("a post targets each account once");
        }
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int delivery = 0;
            int post = 0;
            while (delivery < count) {
                StringBuilder posts = new StringBuilder();
                StringBuilder deliveries = new StringBuilder();
                for (int inChunk = 0; inChunk < CHUNK && delivery < count; inChunk++, post++) {
                    UUID postId = UUID.randomUUID();
                    int targets = Math.min(targetsPerPost, count - delivery);
                    List<Long> targetIds = new ArrayList<>(targets);
                    for (int t = 0; t < targets; t++) {
                        targetIds.add(accounts.get((post * targetsPerPost + t) % accounts.size()));
                    }
                    String postText = text + " 第" + (post + 1) + "号";
                    String hash = PostContent.text(postText, PostCategory.NOTICE).fingerprint(targetIds, null);
                    row(posts, postId, approval.authorId(), csv(postText), "{}", "{}", PostCategory.NOTICE,
                            ApprovalRoute.DEPARTMENT, approval.departmentId(), PostStatus.APPROVED, hash, hash, "{}",
                            approval.approverId(), now, csv("ok"), 1, now, now);
                    for (long account : targetIds) {
                        UUID id = UUID.randomUUID();
                        Instant due = dueAt.apply(delivery++);
                        row(deliveries, id, postId, account, DeliveryStatus.SCHEDULED, due, 0, now, 1);
                        if (sink != null) {
                            sink.add(new Loaded(id, account, due));
                        }
                    }
                }
                copy.copyIn("""
                        copy post (id, author_id, text, links, media_urls, category, route, department_id, status,
                            content_hash, approved_hash, acknowledged, decided_by, decided_at, decision_comment, version,
                            created_at, updated_at) from stdin (format csv)
                        """, new StringReader(posts.toString()));
                copy.copyIn("""
                        copy delivery (id, post_id, account_id, status, due_at, attempts, updated_at, policy_version)
                        from stdin (format csv)
                        """, new StringReader(deliveries.toString()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk load failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(values[i]);
        }
        out.append('\n');
    }

    private static String csv(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
