package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded store keeps bytes once by SHA-256, in 256 KiB rows, and gives them back exactly, a row at a time. */
class PostgresMediaStoreIntegrationTest extends IntegrationTest {

    @Autowired
    MediaStore store;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void bytesComeBackExactlyFromRowsOfAQuarterMegabyte() throws IOException {
        byte[] bytes = new byte[PostgresMediaStore.CHUNK * 3 + 1234];
        new Random(19).nextBytes(bytes);
        Path file = Files.write(dir.resolve("image"), bytes);
        String sha = MediaLibrary.sha256(Files.newInputStream(file));

        store.put(sha, file);
        store.put(sha, file);

        assertThat(jdbc.sql("select count(*) from media_chunk where sha256 = :sha").param("sha", sha)
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select max(length(data)) from media_chunk where sha256 = :sha").param("sha", sha)
                .query(Integer.class).single()).isEqualTo(PostgresMediaStore.CHUNK);
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void anUnknownHashIsAnIoErrorNotAnEmptyImage() {
        assertThatThrownBy(() -> store.open("0".repeat(64))).isInstanceOf(IOException.class);
    }
}
