package org.kohogateway.gateway.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.support.TooManyAtOnceException;

class ImportSlotsTest {

    private final ImportSlots slots = new ImportSlots(new ImportProperties(100, 2, 3, 4));

    @Test
    void manyUploadsAtOnceFromOnePersonGetNoMoreThanTheirSlots() throws Exception {
        List<Future<Boolean>> answers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                answers.add(uploads.submit(() -> {
                    start.await();
                    try {
                        slots.take("poster");
                        return true;
                    } catch (TooManyAtOnceException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> answer : answers) {
                granted += answer.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(2);
        }
    }

    @Test
    void theInstanceBoundCountsEveryoneAndASlotGivenBackTwiceCountsOnce() {
        ImportSlots.Slot first = slots.take("a");
        slots.take("b");
        slots.take("c");
        assertThatThrownBy(() -> slots.take("d")).isInstanceOf(TooManyAtOnceException.class)
                .hasMessageContaining("at most 3 imports");

        first.giveBack();
        first.giveBack();
        slots.take("d");
        assertThatThrownBy(() -> slots.take("e")).isInstanceOf(TooManyAtOnceException.class);
    }
}
