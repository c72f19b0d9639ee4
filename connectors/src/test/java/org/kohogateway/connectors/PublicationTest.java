package org.kohogateway.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PublicationTest {

    private final UUID deliveryKey = UUID.randomUUID();

    @Test
    void countsAttemptsFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Publication(deliveryKey, "text", List.of(), List.of(),
                false, null, null, 0));
        assertThat(new Publication(deliveryKey, "text", List.of(), List.of(), false, null, null, 3).attempt()).isEqualTo(3);
    }

    @Test
    void theShortFormsAreAFirstAttempt() {
        assertThat(Publication.text(deliveryKey, "text").attempt()).isOne();
        assertThat(new Publication(deliveryKey, "text", List.of(), List.of(), false).attempt()).isOne();
        assertThat(new Publication(deliveryKey, "text", List.of(), List.of(), false, null, null).attempt()).isOne();
    }

    @Test
    void isMadePublicAtOnceUnlessAnApprovedTimeIsGiven() {
        assertThat(Publication.text(deliveryKey, "text").publishAt()).isNull();
        assertThat(new Publication(deliveryKey, "text", List.of(), List.of(), false, null, null, 2).publishAt()).isNull();
    }
}
