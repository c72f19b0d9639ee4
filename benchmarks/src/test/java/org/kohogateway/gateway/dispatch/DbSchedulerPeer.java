package org.kohogateway.gateway.dispatch;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The peer the dispatcher is benchmarked against: db-scheduler 16 executing one one-time task per delivery. Each task
 * makes the same platform request through the same connector (the account's {@code LineConnector} from the
 * {@link ConnectorRegistry}) and records the outcome as the dispatcher does: the delivery becomes SENT together with
 * its {@code DELIVERY_SENT} audit entry (hash chain included) in one transaction. What the dispatcher does beyond
 * that — a claim audit entry, the rules check before sending, the pause gate, the per-account guards — the peer
 * does not do.
 */
@TestComponent
public class DbSchedulerPeer {

    static final String TASK = "deliver";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ConnectorRegistry connectors;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DbSchedulerPeer(DataSource dataSource, JdbcClient jdbc, ConnectorRegistry connectors, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.connectors = connectors;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What a task carries (serialised into {@code task_data}, db-scheduler's default Java serialisation). */
    record Send(UUID delivery, long accountId, String text) implements Serializable {
    }

    /** db-scheduler's own table for PostgreSQL, as its documentation gives it. */
    public void createTable() {
        jdbc.sql("""
                create table if not exists scheduled_tasks (
                    task_name text not null,
                    task_instance text not null,
                    task_data bytea,
                    execution_time timestamp with time zone not null,
                    picked boolean not null,
                    picked_by text,
                    last_success timestamp with time zone,
                    last_failure timestamp with time zone,
                    consecutive_failures int,
                    last_heartbeat timestamp with time zone,
                    version bigint not null,
                    priority smallint,
                    primary key (task_name, task_instance)
                )
                """).update();
        jdbc.sql("create index if not exists execution_time_idx on scheduled_tasks (execution_time)").update();
        jdbc.sql("create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)").update();
        jdbc.sql("create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)")
                .update();
    }

    /** One task instance per delivery, due when the delivery is, carrying what the request needs. */
    public void enqueue(List<UUID> deliveries) {
        List<Object[]> rows = jdbc.sql("""
                select d.id, d.account_id, p.text, d.due_at from delivery d join post p on p.id = d.post_id
                where d.id = any(:ids)
                """).param("ids", deliveries.toArray(UUID[]::new))
                .query((rs, n) -> new Object[] { TASK, rs.getString("id"),
                        Serializer.DEFAULT_JAVA_SERIALIZER.serialize(new Send(rs.getObject("id", UUID.class),
                                rs.getLong("account_id"), rs.getString("text"))),
                        rs.getTimestamp("due_at") })
                .list();
        new JdbcTemplate(dataSource).batchUpdate("""
                insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
                values (?, ?, ?, ?, false, 1)
                """, rows);
    }

    /**
     * A started scheduler polling with lock-and-fetch ({@code select … for update skip locked}) on the gateway's own
     * connection pool.
     */
    public Scheduler start(int threads, Duration pollingInterval, double lowerLimitFractionOfThreads,
            double upperLimitFractionOfThreads) {
        OneTimeTask<Send> task = Tasks.oneTime(TASK, Send.class).execute((instance, context) -> send(instance.getData(),
                context.getExecution().consecutiveFailures + 1));
        Scheduler scheduler = Scheduler.create(dataSource, task)
                .threads(threads)
                .pollingInterval(pollingInterval)
                .pollUsingLockAndFetch(lowerLimitFractionOfThreads, upperLimitFractionOfThreads)
                .schedulerName(new SchedulerName.Fixed("db-scheduler-peer"))
                .build();
        scheduler.start();
        return scheduler;
    }

    private void send(Send send, int attempt) {
        PublishOutcome outcome = connectors.forAccount(send.accountId(), Platform.LINE)
                .publish(new Publication(send.delivery(), send.text(), List.of(), List.of(), true));
        if (!(outcome instanceof PublishOutcome.Published published)) {
            // db-scheduler's default for a one-time task: retry later
            throw new IllegalStateException("not published: " + outcome);
        }
        transaction.executeWithoutResult(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("""
                    update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :now, updated_at = :now
                    where id = :id and status = 'SCHEDULED'
                    """).param("platformId", published.platformPostId()).param("now", now).param("id", send.delivery())
                    .update();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("platformPostId", published.platformPostId());
            detail.put("instance", "db-scheduler-peer");
            detail.put("attempt", attempt);
            detail.put("platform", Platform.LINE.name());
            audit.record(AuditTrail.SYSTEM, "DELIVERY_SENT", "DELIVERY", send.delivery().toString(), "SCHEDULED", "SENT",
                    detail);
        });
    }

    /** Task instances not yet done. */
    public long remaining() {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = :task").param("task", TASK)
                .query(Long.class).single();
    }
}
