package org.kohogateway.gateway.benchmark;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The audit sealer's rate at two sizes (issue 20, "Scale on paper"): with the sealer stopped, a backlog of entries
 * shaped like the dispatcher's {@code DELIVERY_SENT} ones is written in one transaction; then the sealer is started
 * and timed until the chain's head reaches the last of them. The time includes the wait for the sealer's first round
 * ({@code gateway.audit.seal.every}); PostgreSQL's CPU over the same time ({@link CpuMeter}) is what moves least with
 * the machine's load.
 */
class AuditSealBenchmark extends LoadedGateway {

    @Autowired
    ApplicationContext context;

    @Test
    void sealerRateAtTwoSizes() {
        SmartLifecycle sealer = context.getBean("auditSealer", SmartLifecycle.class);
        CpuMeter cpu = new CpuMeter(jdbc);
        List<String> rows = new ArrayList<>();
        for (String size : System.getProperty("bench.seal.sizes", "2000,20000").split(",")) {
            int n = Integer.parseInt(size.strip());
            sealer.stop();
            await().atMost(Duration.ofMinutes(2)).until(() -> unsealed() == 0 || !sealer.isRunning());
            jdbc.sql("""
                    insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_state,
                        after_state, detail)
                    select now(), 'system', 'DELIVERY_SENT', 'DELIVERY', gen_random_uuid()::text, 'SENDING', 'SENT',
                        jsonb_build_object('platformPostId', md5(i::text), 'instance', 'bench', 'attempt', 1,
                            'platform', 'LINE')
                    from generate_series(1, :n) i
                    """).param("n", n).update();
            long last = jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
            CpuMeter.Reading before = cpu.read();
            long begin = System.nanoTime();
            sealer.start();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> head() >= last);
            double seconds = (System.nanoTime() - begin) / 1e9;
            double postgresMillis = cpu.read().minus(before).postgresNanos() / 1e6;
            rows.add(String.format("| %,d | %.2f s | %,.0f entries/s | %.0f ms (%.3f ms an entry) |", n, seconds,
                    n / seconds, postgresMillis, postgresMillis / n));
            System.out.printf("RESULT audit_seal_%d_postgres_cpu_ms_per_entry=%.4f%n", n, postgresMillis / n);
            System.out.printf("RESULT audit_seal_%d_entries_s=%.2f%n", n, seconds);
            System.out.printf("RESULT audit_seal_%d_entries_per_s=%.0f%n", n, n / seconds);
        }
        System.out.printf("%n| backlog | sealed in | rate | PostgreSQL CPU meanwhile |%n| --- | --- | --- | --- |%n");
        rows.forEach(System.out::println);
    }

    private long head() {
        return jdbc.sql("select coalesce(max(seq), 0) from audit_seal").query(Long.class).single();
    }

    private long unsealed() {
        return jdbc.sql("select count(*) from audit_entry where seq > (select coalesce(max(seq), 0) from audit_seal)")
                .query(Long.class).single();
    }
}
