package org.kohogateway.gateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Scenario 5, startup (issue 9): a fresh JVM ({@code -Xmx512m}) starting the embedded PostgreSQL and the production
 * application context on it ({@link StartupProbe}); timed from launching the process to the context having started,
 * so JVM start, database start, migrations and the context are all in it.
 */
class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile(
            "STARTED jvm_to_main_ms=(\\d+) postgres_ms=(\\d+) context_ms=(\\d+) heap_used_mb=(\\d+)");

    @Test
    void startupWithEmbeddedPostgres() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx512m",
                "-Duser.timezone=Asia/Tokyo", "-cp", System.getProperty("java.class.path"), StartupProbe.class.getName());
        long launched = System.nanoTime();
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Matcher> started = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
                throw new IllegalStateException("the probe ended without starting");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Matcher m;
        try {
            m = started.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            probe.destroy();
            throw e;
        }
        double seconds = (System.nanoTime() - launched) / 1e9;
        // the probe stops its context and its PostgreSQL itself
        if (!probe.waitFor(1, TimeUnit.MINUTES)) {
            probe.destroy();
        }
        System.out.printf("%nstartup: %.1f s from launching the JVM to a started context (JVM %.1f s, embedded "
                + "PostgreSQL %.1f s, context with migrations %.1f s); heap used right after start %s MB%n", seconds,
                Long.parseLong(m.group(1)) / 1e3, Long.parseLong(m.group(2)) / 1e3, Long.parseLong(m.group(3)) / 1e3,
                m.group(4));
        System.out.printf("RESULT startup_s=%.2f%n", seconds);
    }
}
