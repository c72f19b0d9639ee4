package org.kohogateway.gateway.dispatch;

import java.util.ArrayList;
import java.util.List;

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

    /** @param args JDBC URL, instance id, then {@code --gateway.platforms...=} arguments pointing at the simulator */
    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + args[0],
                "--gateway.dispatch.instance-id=" + args[1],
                "--gateway.dispatch.enabled=true",
                "--gateway.credentials.key=" + IntegrationTest.TEST_CREDENTIALS_KEY,
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(args).subList(2, args.length));
        SpringApplication.run(GatewayApplication.class, arguments.toArray(String[]::new));
    }
}
