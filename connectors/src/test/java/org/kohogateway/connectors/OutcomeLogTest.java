package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class OutcomeLogTest {

    private static final UUID KEY = UUID.fromString("6f1c1a52-0d5e-4d3b-9a43-1b2c3d4e5f60");

    private final List<String> lines = new ArrayList<>();
    /** Records each warn and debug call as "level message arguments"; answers false to every other question. */
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] { Logger.class }, (proxy, method, args) -> {
                if (method.getName().equals("warn") || method.getName().equals("debug")) {
                    lines.add(method.getName() + " " + args[0] + " " + Arrays.toString((Object[]) args[1]));
                }
                return method.getReturnType() == boolean.class ? false : null;
            });

    @Test
    void anUnknownOutcomeIsAWarningNamingTheDeliveryAndTheReason() {
        PublishOutcome unknown = new PublishOutcome.Unknown("read timed out");

        PublishOutcome returned = OutcomeLog.logged(log, "X post", aPublication().deliveryKey(KEY).build(), unknown);

        assertThat(returned).isSameAs(unknown);
        assertThat(lines).containsExactly("warn {} {} has an unknown outcome: {} [X post, " + KEY + ", read timed out]");
    }

    @Test
    void anyOtherOutcomeIsADebugLine() {
        PublishOutcome published = new PublishOutcome.Published("1234");

        PublishOutcome returned = OutcomeLog.logged(log, "LINE broadcast", aPublication().deliveryKey(KEY).build(),
                published);

        assertThat(returned).isSameAs(published);
        assertThat(lines).containsExactly("debug {} {}: {} [LINE broadcast, " + KEY + ", " + published + "]");
    }
}
