package org.kohogateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/** The probes a load balancer or Kubernetes asks, without a login. */
class ProbesIntegrationTest extends IntegrationTest {

    @Autowired
    HealthEndpointGroups groups;

    @Test
    void readinessDependsOnTheDatabaseAndLivenessDoesNot() {
        HealthEndpointGroup readiness = groups.get("readiness");
        HealthEndpointGroup liveness = groups.get("liveness");
        assertThat(readiness.isMember("db")).isTrue();
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(liveness.isMember("db")).as("a lost database is no reason to restart the process").isFalse();

        for (String probe : new String[] { "/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health" }) {
            var answer = anonymous().get(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.json().get("status").asString()).as(probe).isEqualTo("UP");
        }
    }
}
