package org.kohogateway.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages stay apart: no cycles, no reaching into another feature's internals. */
class ModularityTest {

    @Test
    void featurePackagesRespectTheirBoundaries() {
        ApplicationModules.of(GatewayApplication.class).verify();
    }
}
