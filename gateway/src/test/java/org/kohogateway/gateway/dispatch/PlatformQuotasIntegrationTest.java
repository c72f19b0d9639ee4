package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;

class PlatformQuotasIntegrationTest extends IntegrationTest {

    @Test
    void showsLinesMonthlyQuotaAndInstagramsDailyOne() {
        World world = data.world();

        var line = api(world.poster()).get("/api/accounts/" + world.lineA().id() + "/quota").json();
        var instagram = api(world.poster()).get("/api/accounts/" + world.instagram().id() + "/quota").json();
        var x = api(world.poster()).get("/api/accounts/" + world.x().id() + "/quota").json();

        assertThat(line.get("period").asString()).isEqualTo("MONTH");
        assertThat(line.get("total").asLong()).isEqualTo(15000);
        assertThat(line.get("remaining").asLong()).isEqualTo(15000);
        assertThat(instagram.get("period").asString()).isEqualTo("ROLLING_24H");
        assertThat(x.get("period").asString()).isEqualTo("NONE");
    }
}
