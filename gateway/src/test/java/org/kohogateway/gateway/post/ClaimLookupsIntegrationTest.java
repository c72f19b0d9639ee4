package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pause gate's check of an emergency override finds the claimed deliveries by id: {@code claim_token} has no index,
 * and by token alone the check read every emergency post and its deliveries.
 */
class ClaimLookupsIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theOverrideCheckAtThePauseGateFindsTheDeliveriesByTheirIds() {
        assertThat(plan(Deliveries.OVERRIDE_STANDS)).contains("delivery_pkey").doesNotContain("Seq Scan on delivery");
    }

    private String plan(String statement) {
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("explain " + statement)
                    .param("ids", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .param("tokens", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .query(String.class).list());
        });
    }
}
