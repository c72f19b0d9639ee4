package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claim's statements find its deliveries by id or by the few that are SENDING: {@code claim_token} has no index.
 */
class ClaimLookupsIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theOverrideCheckAtThePauseGateFindsTheDeliveriesByTheirIds() {
        assertThat(plan(Deliveries.OVERRIDE_STANDS, Map.of())).contains("delivery_pkey")
                .doesNotContain("Seq Scan on delivery");
    }

    private String plan(String statement, Map<String, Object> params) {
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("explain " + statement)
                    .params(params)
                    .param("ids", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .param("tokens", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .query(String.class).list());
        });
    }
}
