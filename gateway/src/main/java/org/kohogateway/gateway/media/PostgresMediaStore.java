package org.kohogateway.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded default: bytes in PostgreSQL as 256 KiB rows of {@code media_chunk}, written in one transaction (a
 * half-written image is never seen) in batches of four rows, and read one row at a time.
 */
class PostgresMediaStore implements MediaStore {

    static final int CHUNK = 256 * 1024;
    static final int BATCH = 4;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PostgresMediaStore(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        long size = Files.size(file);
        try {
            transaction.executeWithoutResult(status -> {
                // a concurrent upload of the same picture waits here on the key and then finds it kept
                int inserted = jdbc.sql("""
                        insert into media_blob (sha256, bytes, stored_at) values (:sha, :bytes, :now)
                        on conflict (sha256) do nothing
                        """).param("sha", sha256).param("bytes", size)
                        .param("now", Timestamp.from(clock.instant())).update();
                if (inserted == 0) {
                    return;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    write(sha256, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Sends the rows {@link #BATCH} at a time, one round trip each, so that no more than a batch is held in memory
     * and a 10 MB image is ten round trips rather than forty.
     */
    private void write(String sha256, InputStream in) throws IOException {
        List<Object[]> batch = new ArrayList<>(BATCH);
        int seq = 0;
        byte[] chunk;
        while ((chunk = in.readNBytes(CHUNK)).length > 0) {
            batch.add(new Object[] { sha256, seq++, chunk });
            if (batch.size() == BATCH) {
                insert(batch);
            }
        }
        insert(batch);
    }

    private void insert(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            batches.batchUpdate("insert into media_chunk (sha256, seq, data) values (?, ?, ?)", batch);
            batch.clear();
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        // the blob's row, not its chunks, says it is kept: an empty file has none
        Integer chunks = jdbc.sql("""
                select (select count(*) from media_chunk c where c.sha256 = b.sha256)
                from media_blob b where b.sha256 = :sha
                """).param("sha", sha256).query(Integer.class).optional().orElse(null);
        if (chunks == null) {
            throw new IOException("no media stored under " + sha256);
        }
        return new ChunkStream(sha256, chunks);
    }

    @Override
    public boolean contains(String sha256) {
        return jdbc.sql("select exists (select 1 from media_blob where sha256 = :sha)").param("sha", sha256)
                .query(Boolean.class).single();
    }

    @Override
    public void delete(String sha256) {
        // the chunks go with the blob (on delete cascade)
        jdbc.sql("delete from media_blob where sha256 = :sha").param("sha", sha256).update();
    }

    /** Fetches the next row only when the previous one is used up. */
    private final class ChunkStream extends InputStream {

        private final String sha256;
        private final int chunks;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        ChunkStream(String sha256, int chunks) {
            this.sha256 = sha256;
            this.chunks = chunks;
        }

        private boolean fill() {
            while (position >= current.length) {
                if (next >= chunks) {
                    return false;
                }
                current = jdbc.sql("select data from media_chunk where sha256 = :sha and seq = :seq")
                        .param("sha", sha256).param("seq", next++).query(byte[].class).single();
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }
}
