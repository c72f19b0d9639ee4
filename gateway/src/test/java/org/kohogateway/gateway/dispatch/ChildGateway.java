package org.kohogateway.gateway.dispatch;

import org.kohogateway.gateway.GatewayApplication;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.boot.SpringApplication;

/**
 * A second gateway process for crash tests: same database, same simulated platforms, its own dispatcher on the real
 * clock. The test kills it with SIGKILL mid-dispatch.
 */
public final class ChildGateway {

    private ChildGateway() {
    }

    /** @param args JDBC URL, simulated platform base URL, instance id */
    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class,
                "--spring.datasource.url=" + args[0],
                "--gateway.platforms.line.api-endpoint=" + args[1],
                "--gateway.dispatch.instance-id=" + args[2],
                "--gateway.dispatch.enabled=true",
                "--gateway.credentials.key=" + IntegrationTest.TEST_CREDENTIALS_KEY,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
    }
}
