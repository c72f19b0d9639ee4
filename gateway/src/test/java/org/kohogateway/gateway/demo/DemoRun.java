package org.kohogateway.gateway.demo;

import java.security.SecureRandom;
import java.util.Base64;

/** Points the gateway at the embedded database and the simulated platforms before it starts. */
public final class DemoRun {

    private DemoRun() {
    }

    /** @param credentialsKey a key made for this run only: demo credentials need not outlive it */
    public static void prepare(String credentialsKey) {
        System.setProperty("spring.datasource.url", EmbeddedDatabase.jdbcUrl());
        SimulatedPlatforms.shared().properties().forEach(System::setProperty);
        // the demo's source pages and receivers are on this machine; production refuses loopback
        System.setProperty("gateway.outbound.allow-loopback", "true");
        // a simulated JMA feed with one heavy-rain warning for Gotsu City: the first poll (after a minute) tells 防災安全課
        System.setProperty("gateway.weather.enabled", "true");
        System.setProperty("gateway.weather.feeds", SimulatedPlatforms.shared().jmaFeed().toString());
        if (System.getProperty("gateway.credentials.key") == null && System.getenv("GATEWAY_CREDENTIALS_KEY") == null) {
            System.setProperty("gateway.credentials.key", credentialsKey);
        }
        if (System.getProperty("gateway.audit.anchor.key") == null && System.getenv("GATEWAY_AUDIT_ANCHOR_KEY") == null) {
            byte[] anchorKey = new byte[32];
            new SecureRandom().nextBytes(anchorKey);
            System.setProperty("gateway.audit.anchor.key", Base64.getEncoder().encodeToString(anchorKey));
        }
    }

    public static Class<?> configuration() {
        return DemoData.class;
    }
}
