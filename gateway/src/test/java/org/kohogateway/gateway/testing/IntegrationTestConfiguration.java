package org.kohogateway.gateway.testing;

import java.time.Instant;

import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.dispatch.DispatcherFactory;
import org.kohogateway.gateway.support.OutboundProperties;
import org.kohogateway.gateway.support.SafeFetch;
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

    /** The outbound client, but the city's web server of the tests is the simulator on loopback. */
    @Bean
    @Primary
    SafeFetch cityPagesOnTheSimulator(OutboundProperties properties) {
        return SimulatedPlatforms.cityPagesOnLoopback(properties);
    }
}
