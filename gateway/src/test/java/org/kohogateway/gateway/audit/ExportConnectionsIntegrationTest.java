package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exports and the chain check read on connections of their own, a few at a time: downloads whose readers stall never
 * take the connections that claims and pauses need.
 */
class ExportConnectionsIntegrationTest extends IntegrationTest {

    /** The main pool's size: Hikari's default, which the gateway keeps. */
    private static final int MAIN_POOL = 10;

    @Autowired
    CsvExport export;

    @Autowired
    Pauses pauses;

    @Autowired
    Deliveries deliveries;

    @Test
    void exportsWithStalledReadersLeaveTheMainPoolToPausesAndClaims() throws Exception {
        World world = data.world();
        StalledReaders readers = new StalledReaders();
        ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < MAIN_POOL + 2; i++) {
                // those beyond the budget are refused after a while, which this test does not look at
                downloads.submit(() -> export.auditTrail(null, null, null, readers::stream));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> readers.stalled() >= 2);
            // time for the other downloads to take connections too, if they can
            Thread.sleep(300);

            CompletableFuture<Void> pauseAndClaim = CompletableFuture.runAsync(() -> {
                pauses.pause(world.admin(), world.lineA().id(), "書き出し中の停止テスト");
                deliveries.claim(clock.instant(), 0, "export-test", Duration.ofMinutes(2));
            });

            pauseAndClaim.get(1, TimeUnit.SECONDS);
            assertThat(readers.stalled()).as("downloads holding a connection at once").isEqualTo(2);
        } finally {
            readers.release();
            downloads.shutdown();
            assertThat(downloads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            if (pauses.active().stream().anyMatch(p -> Long.valueOf(world.lineA().id()).equals(p.accountId()))) {
                pauses.resume(world.admin(), world.lineA().id());
            }
        }
    }

    @Test
    void anExportOrChainCheckBeyondTheBudgetIsRefusedAsBusy() throws Exception {
        World world = data.world();
        StalledReaders readers = new StalledReaders();
        ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // gateway.export.max-connections, default 2
            for (int i = 0; i < 2; i++) {
                downloads.execute(() -> export.sendLog(null, null, null, readers::stream));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> readers.stalled() == 2);

            Api.Response csv = api(world.auditor()).get("/api/audit/export.csv");
            Api.Response verify = api(world.auditor()).get("/api/audit/verify");

            assertThat(csv.status()).as(csv.toString()).isEqualTo(503);
            assertThat(csv.body()).contains("audit.exportsBusy");
            assertThat(verify.status()).as(verify.toString()).isEqualTo(503);
        } finally {
            readers.release();
            downloads.shutdown();
            assertThat(downloads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(api(world.auditor()).get("/api/audit/verify").status()).as("once the downloads finished")
                .isEqualTo(200);
    }

    /** Clients that stop reading: every write blocks until they are released, as a full socket buffer does. */
    private static final class StalledReaders {

        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger stalled = new AtomicInteger();

        OutputStream stream() {
            return new OutputStream() {
                private boolean counted;

                @Override
                public void write(int b) {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (!counted) {
                        counted = true;
                        stalled.incrementAndGet();
                    }
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }

        int stalled() {
            return stalled.get();
        }

        void release() {
            released.countDown();
        }
    }
}
