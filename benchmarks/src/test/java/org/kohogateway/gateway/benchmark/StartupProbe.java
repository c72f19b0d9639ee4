package org.kohogateway.gateway.benchmark;

import java.lang.management.ManagementFactory;

import org.kohogateway.gateway.GatewayApplication;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Run by {@link StartupBenchmark} in a JVM of its own: starts an embedded PostgreSQL and the production application
 * context on it (Flyway migrations, web server, dispatcher), prints how long each took, and exits.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String url = EmbeddedDatabase.jdbcUrl();
        long database = System.nanoTime();
        ConfigurableApplicationContext context = SpringApplication.run(GatewayApplication.class,
                "--spring.datasource.url=" + url, "--gateway.credentials.key=" + IntegrationTest.TEST_CREDENTIALS_KEY,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        long started = System.nanoTime();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("STARTED jvm_to_main_ms=%d postgres_ms=%d context_ms=%d heap_used_mb=%d%n",
                ManagementFactory.getRuntimeMXBean().getUptime() - (started - start) / 1_000_000,
                (database - start) / 1_000_000, (started - database) / 1_000_000,
                (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
        context.close();
        System.exit(0);
    }
}
