package org.kohogateway.gateway.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class ImportPartsTest {

    @Test
    void splitsTheRowsIntoContiguousPartsThatCoverEveryRowOnceAndLetTheLastReadToTheEnd() {
        Map<String, ExecutionContext> parts = new ImportParts(10_000, 100).partition(4);

        assertThat(parts).hasSize(4);
        List<int[]> ranges = parts.values().stream()
                .map(c -> new int[] {c.getInt(ImportParts.FIRST), c.getInt(ImportParts.END)}).toList();
        assertThat(ranges.get(0)[0]).isZero();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
        }
        assertThat(ranges.get(1)[0]).isEqualTo(2_500);
        assertThat(ranges.get(3)[1]).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aFileOfOneChunkIsOnePartAndAFewChunksAreNoMorePartsThanChunks() {
        assertThat(new ImportParts(80, 100).partition(4)).hasSize(1);
        assertThat(new ImportParts(250, 100).partition(4)).hasSize(3);
        assertThat(new ImportParts(0, 100).partition(4)).hasSize(1);
    }
}
