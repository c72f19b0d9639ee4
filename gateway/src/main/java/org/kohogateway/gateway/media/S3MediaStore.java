package org.kohogateway.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bytes in an S3-compatible bucket (AWS S3, MinIO, …), one object per image under {@code <prefix><sha256>}. The
 * upload streams from the cleaned file and carries its SHA-256 ({@code x-amz-checksum-sha256}), so the store itself
 * refuses bytes that are not the ones the key names; reading streams the object's body. An object already there is
 * not sent again: its key is its content.
 */
class S3MediaStore implements MediaStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3MediaStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A client for {@code gateway.media.s3.*}: the configured keys, else the SDK's default chain (environment, profile, instance role). */
    static S3MediaStore of(MediaProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(settings.timeout())
                        .build());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new S3MediaStore(builder.build(), settings.bucket(), settings.prefix());
    }

    private static AwsCredentialsProvider credentials(MediaProperties.S3 settings) {
        if (settings.accessKey() != null && settings.secretKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(),
                    settings.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        String key = prefix + sha256;
        try {
            if (exists(key)) {
                return;
            }
            s3.putObject(request -> request.bucket(bucket).key(key)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("could not keep " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            // HEAD has no body to name the error, so a missing key is only its status
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean contains(String sha256) {
        return exists(prefix + sha256);
    }

    /** S3 answers a removal of a key it does not have as one it had: removing twice is a no-op, as the contract asks. */
    @Override
    public void delete(String sha256) {
        s3.deleteObject(request -> request.bucket(bucket).key(prefix + sha256));
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        String key = prefix + sha256;
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new IOException("no media stored under " + key + " in bucket " + bucket, e);
        } catch (SdkException e) {
            throw new IOException("could not read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
