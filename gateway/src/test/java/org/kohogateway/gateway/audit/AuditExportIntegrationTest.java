package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit CSV streams: a large range goes through a counting stream, row by row, never as a list. */
class AuditExportIntegrationTest extends IntegrationTest {

    /** Far more than any page holds, and few enough that the sealer links them in seconds for the tests after. */
    private static final int ROWS = 50_000;

    @Autowired
    CsvExport export;

    @Autowired
    JdbcClient jdbc;

    @Test
    void exportsALargeRangeRowByRow() {
        String actor = "bulk-" + TestData.unique();
        // one statement; the hash-chain trigger runs for every row
        jdbc.sql("""
                insert into audit_entry (occurred_at, actor, action, subject_type, subject_id, before_state, after_state, detail)
                select now() - make_interval(secs => :rows - g), :actor, 'BULK_TEST', 'TEST', g::text, 'A', 'B',
                       jsonb_build_object('n', g, 'text', '江津市')
                from generate_series(1, :rows) g
                """).param("rows", ROWS).param("actor", actor).update();
        CountingStream out = new CountingStream();

        export.auditTrail(null, null, actor, () -> out);

        assertThat(out.lines).isEqualTo(ROWS + 1);
        assertThat(out.bytes).isGreaterThan(ROWS * 100L);
    }

    /** Counts bytes and record separators (CRLF; no field here has a line break) and keeps nothing. */
    static final class CountingStream extends OutputStream {

        long bytes;
        long lines;

        @Override
        public void write(int b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
