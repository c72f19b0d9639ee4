package org.kohogateway.gateway;

import java.security.SecureRandom;
import java.util.Base64;

import org.kohogateway.gateway.demo.DemoRun;
import org.springframework.boot.SpringApplication;

/**
 * The demo: the real gateway on an embedded PostgreSQL, with demo logins and accounts whose platforms are
 * simulated by WireMock stubs of the real APIs. Lives in the test sources so the production jar holds neither.
 * Run with {@code ./mvnw -pl gateway -am spring-boot:test-run}.
 */
public class TestGatewayApplication {

    public static void main(String[] args) {
        DemoRun.prepare(randomKey());
        SpringApplication.from(GatewayApplication::main).with(DemoRun.configuration()).run(args);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
