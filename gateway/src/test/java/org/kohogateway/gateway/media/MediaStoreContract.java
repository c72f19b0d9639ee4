package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link MediaStore} promises, whichever keeps the bytes: each store's test implements this interface
 * and names its store, so the same tests run against PostgreSQL and against S3.
 */
interface MediaStoreContract {

    MediaStore store();

    /** Random bytes of the given length in a file, and their SHA-256. */
    static Kept file(Path dir, int length, long seed) throws IOException {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        Path file = Files.write(dir.resolve("image-" + seed), bytes);
        return new Kept(file, bytes, MediaLibrary.sha256(Files.newInputStream(file)));
    }

    record Kept(Path file, byte[] bytes, String sha256) {
    }

    @Test
    default void bytesComeBackExactlyAsKept(@TempDir Path dir) throws IOException {
        Kept image = file(dir, PostgresMediaStore.CHUNK * 3 + 1234, System.nanoTime());

        store().put(image.sha256(), image.file());

        try (InputStream in = store().open(image.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes());
        }
    }

    @Test
    default void removedBytesAreNoLongerKeptAndRemovingAgainIsANoOp(@TempDir Path dir) throws IOException {
        Kept image = file(dir, 5000, System.nanoTime());
        store().put(image.sha256(), image.file());
        assertThat(store().contains(image.sha256())).isTrue();

        store().delete(image.sha256());
        store().delete(image.sha256());

        assertThat(store().contains(image.sha256())).isFalse();
        assertThatThrownBy(() -> store().open(image.sha256()).close()).isInstanceOf(IOException.class);
    }

    @Test
    default void keepingTheSameBytesAgainChangesNothing(@TempDir Path dir) throws IOException {
        Kept image = file(dir, 5000, System.nanoTime());

        store().put(image.sha256(), image.file());
        store().put(image.sha256(), image.file());

        try (InputStream in = store().open(image.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes());
        }
    }

    @Test
    default void twoUploadsOfOnePictureAtOnceBothSucceed(@TempDir Path dir) throws Exception {
        Kept image = file(dir, PostgresMediaStore.CHUNK + 17, System.nanoTime());
        Callable<Void> put = () -> {
            store().put(image.sha256(), image.file());
            return null;
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Void>> both = new ArrayList<>(List.of(pool.submit(put), pool.submit(put)));
            for (Future<Void> one : both) {
                one.get();
            }
        }

        try (InputStream in = store().open(image.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(image.bytes());
        }
    }

    @Test
    default void anEmptyFileIsKeptAsNothing(@TempDir Path dir) throws IOException {
        Kept empty = file(dir, 0, 0);

        store().put(empty.sha256(), empty.file());

        try (InputStream in = store().open(empty.sha256())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    default void anUnknownHashIsAnIoErrorNotAnEmptyImage() {
        assertThatThrownBy(() -> store().open("0".repeat(64))).isInstanceOf(IOException.class);
    }
}
