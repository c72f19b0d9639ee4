package org.kohogateway.gateway.benchmark;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.importing.PostImport;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A 10,000-row CSV import ({@code -Dbench.import.rows=} another size, for how the cost grows with rows), timed from the upload's acceptance (decode, CSV check) to the job's end: every row
 * checked by the policy rules and created as a draft through the workflow, half of them submitted.
 */
// the last benchmark on this context; the dispatch benchmark measures the heap later in the same JVM
@DirtiesContext
class ImportBenchmark extends IntegrationTest {

    private static final int ROWS = Integer.getInteger("bench.import.rows", 10_000);

    @Autowired
    Imports imports;

    @Test
    void import10kRows() {
        World world = data.world();
        StringBuilder csv = new StringBuilder("text,links,category,account_ids,scheduled_at,submit\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("江津市からのお知らせ第").append(i).append("号です。詳しくは市ホームページをご覧ください。,")
                    .append("https://www.city.gotsu.lg.jp/news/").append(i).append(",NOTICE,")
                    .append(world.lineA().id()).append(' ').append(world.lineA2().id()).append(",,")
                    .append(i % 2 == 0).append("\r\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        long start = System.nanoTime();
        PostImport accepted = imports.accept(world.poster(), "bench.csv", file, ImportMode.VALID_ROWS);
        PostImport done = imports.run(accepted.id());
        double seconds = (System.nanoTime() - start) / 1e9;

        if (done.imported() != ROWS) {
            throw new IllegalStateException("imported " + done.imported() + " of " + ROWS + ": " + done);
        }
        System.out.printf("%nimport of %,d CSV rows (%,d bytes, 2 target accounts each, half submitted)%n", ROWS,
                file.length);
        System.out.printf("  %.1f s, %.0f rows/s%n", seconds, ROWS / seconds);
        System.out.printf("RESULT %s=%.2f%n", ROWS == 10_000 ? "import_10k_rows_s" : "import_" + ROWS + "_rows_s",
                seconds);
    }
}
