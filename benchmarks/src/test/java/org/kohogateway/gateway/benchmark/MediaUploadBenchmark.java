package org.kohogateway.gateway.benchmark;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 19's target: uploading a 10 MB JPEG (metadata stripped, preview, stored in PostgreSQL) p95 &lt; 1.5 s with
 * eight uploads at once under the test JVM's 512 MB heap. Each round uploads eight different upright photos of about
 * 10 MB (noise, which compresses worst) at once. The peak heap is the largest used heap seen by sampling every 5 ms
 * while the rounds run: the heap pools' own peaks come at different times, so their sum would overstate it.
 */
class MediaUploadBenchmark extends IntegrationTest {

    private static final int AT_ONCE = 8;
    private static final int ROUNDS = 3;
    private static final long TEN_MB = 10L * 1024 * 1024;

    @Autowired
    MediaLibrary library;

    @Test
    void uploadTenMegabyteJpegsEightAtOnce() throws Exception {
        World world = data.world();
        library.upload(world.poster(), new ByteArrayInputStream(TestImages.noisyJpeg(640, 480, 1)), "warm-up");
        List<Long> nanos = new ArrayList<>();
        long seed = System.nanoTime();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 5, TimeUnit.MILLISECONDS);
        for (int round = 0; round < ROUNDS; round++) {
            List<byte[]> photos = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                photos.add(tenMegabytes(seed++));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
                List<Future<Long>> uploads = new ArrayList<>();
                for (byte[] photo : photos) {
                    uploads.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        library.upload(world.poster(), new ByteArrayInputStream(photo), "ベンチマーク");
                        return System.nanoTime() - start;
                    }));
                }
                for (Future<Long> upload : uploads) {
                    nanos.add(upload.get());
                }
            }
        }
        sampler.shutdownNow();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
        System.out.printf("%n%d uploads of ~10 MB JPEGs, %d at once: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                sorted.length, AT_ONCE, p50, p95, sorted[sorted.length - 1] / 1e6);
        System.out.printf("heap: peak %d MB used of at most %d MB%n", peakHeap.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("RESULT media_upload_10mb_p95_ms=%.0f%n", p95);
        System.out.printf("RESULT media_upload_10mb_p50_ms=%.0f%n", p50);
        System.out.printf("RESULT media_upload_peak_heap_mb=%d%n", peakHeap.get() >> 20);
        System.out.println(Arrays.toString(sorted));
    }

    /** Noise compresses worst: at quality 0.98 about 1.6 bytes a pixel, so 3,000 × 2,240 pixels make ~10 MB. */
    private static byte[] tenMegabytes(long seed) {
        byte[] photo = TestImages.noisyJpeg(3000, 2240, seed, 0.98f);
        if (photo.length < TEN_MB * 7 / 10 || photo.length > TEN_MB * 14 / 10) {
            throw new IllegalStateException(photo.length + " bytes, not about ten megabytes: change the size");
        }
        return photo;
    }
}
