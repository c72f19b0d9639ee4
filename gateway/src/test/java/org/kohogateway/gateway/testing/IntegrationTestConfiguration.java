package org.kohogateway.gateway.testing;

import java.time.Instant;

import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** What integration tests add to the gateway: a clock they control and the test-data builders. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ TestData.class, DispatcherFactory.class })
public class IntegrationTestConfiguration {

    @Bean
    @Primary
    SettableClock settableClock() {
        return new SettableClock(Instant.now());
    }
}
