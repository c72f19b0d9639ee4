package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store through the AWS SDK against an S3-compatible endpoint on the loopback interface ({@link S3Stub}): the
 * {@link MediaStoreContract}, one object per picture named by its SHA-256, sent once, and refused by the store when
 * the bytes are not the ones the name says.
 */
class S3MediaStoreTest implements MediaStoreContract {

    private static S3Stub s3;
    private static S3MediaStore store;

    @BeforeAll
    static void start() throws IOException {
        s3 = new S3Stub("koho-media");
        store = S3MediaStore.of(settings(s3.endpoint(), "koho-media"));
    }

    static MediaProperties.S3 settings(URI endpoint, String bucket) {
        return new MediaProperties.S3(endpoint, "ap-northeast-1", bucket, "media/", true, S3Stub.ACCESS_KEY,
                S3Stub.SECRET_KEY, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Override
    public MediaStore store() {
        return store;
    }

    @Test
    void eachPictureIsOneObjectNamedByItsHashAndSentOnce(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, 70_000, 20);

        store.put(image.sha256(), image.file());
        store.put(image.sha256(), image.file());

        String key = "media/" + image.sha256();
        assertThat(s3.object(key)).isEqualTo(image.bytes());
        assertThat(s3.requests()).filteredOn(r -> r.endsWith(key)).containsExactly("HEAD " + key, "PUT " + key,
                "HEAD " + key);
    }

    @Test
    void bytesThatAreNotTheOnesTheHashNamesAreRefusedByTheStore(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, 4096, 21);
        String other = "ab".repeat(32);

        assertThatThrownBy(() -> store.put(other, image.file())).isInstanceOf(IOException.class)
                .hasMessageContaining("media/" + other);
        assertThat(s3.object("media/" + other)).isNull();
    }

    @Test
    void readingStreamsTheObjectAsTheStoreHasItNow(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, 4096, 22);
        store.put(image.sha256(), image.file());
        s3.replace("media/" + image.sha256(), new byte[] { 1, 2, 3 });

        try (InputStream in = store.open(image.sha256())) {
            // the store gives what the bucket holds; MediaItems compares its hash before anything is sent
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void anUnreachableStoreIsAnIoError(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, 100, 23);
        try (S3MediaStore elsewhere = S3MediaStore.of(settings(URI.create("http://127.0.0.1:9"), "koho-media"))) {
            assertThatThrownBy(() -> elsewhere.put(image.sha256(), image.file())).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> elsewhere.open(image.sha256())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBucketThatDoesNotExistIsAnIoError(@TempDir Path dir) throws IOException {
        MediaStoreContract.Kept image = MediaStoreContract.file(dir, 100, 24);
        try (S3MediaStore missing = S3MediaStore.of(settings(s3.endpoint(), "no-such-bucket"))) {
            assertThatThrownBy(() -> missing.put(image.sha256(), image.file())).isInstanceOf(IOException.class);
        }
    }
}
