package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded store: the {@link MediaStoreContract}, and bytes kept once by SHA-256 in 256 KiB rows. */
class PostgresMediaStoreIntegrationTest extends IntegrationTest implements MediaStoreContract {

    @Autowired
    MediaStore store;

    @Autowired
    JdbcClient jdbc;

    @Override
    public MediaStore store() {
        return store;
    }

    @Test
    void bytesAreKeptOnceInRowsOfAQuarterMegabyte(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, PostgresMediaStore.CHUNK * 3 + 1234, 19);

        store.put(image.sha256(), image.file());
        store.put(image.sha256(), image.file());

        assertThat(jdbc.sql("select count(*) from media_chunk where sha256 = :sha").param("sha", image.sha256())
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select max(length(data)) from media_chunk where sha256 = :sha")
                .param("sha", image.sha256()).query(Integer.class).single()).isEqualTo(PostgresMediaStore.CHUNK);
    }
}
