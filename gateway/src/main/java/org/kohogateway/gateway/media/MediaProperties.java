package org.kohogateway.gateway.media;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxUploadSize     largest image taken, uploaded or fetched from a pasted address (default 15MB); larger is 413
 * @param maxPixels         largest picture decoded (default 50 million pixels): a small file may claim a huge size
 * @param concurrentDecodes images cleaned at once on an instance (default 2); more uploads wait their turn, so eight
 *                          at once stay within a 512 MB heap
 * @param previewMaxSide    longer side of the preview in pixels (default 1024)
 * @param publicBaseUrl     the https address platforms reach the gateway at, for the signed links Instagram and LINE
 *                          fetch images by
 * @param urlLifetime       how long a signed link works (default 30 days: a LINE recipient may open the message
 *                          weeks later)
 * @param signingKey        base64 of the key that signs the links (at least 32 bytes); when absent each start makes
 *                          one, so links do not survive a restart and several instances each need this set alike
 * @param fetchTimeout      how long fetching a pasted image address may take in all (default 20s)
 * @param store             where the bytes are kept: {@code postgres} (the default, in the gateway's own database) or
 *                          {@code s3} (an S3-compatible bucket, {@code gateway.media.s3.*})
 * @param maxVideoSize      largest video taken (MP4 or QuickTime, for YouTube, the one platform that takes videos;
 *                          default 2GB); larger is 413. A video is stored as it came, streamed, never decoded
 */
@Validated
@ConfigurationProperties("gateway.media")
public record MediaProperties(@DefaultValue("15MB") @NotNull DataSize maxUploadSize,
        @DefaultValue("50000000") @Min(1) long maxPixels,
        @DefaultValue("2") @Min(1) @Max(64) int concurrentDecodes,
        @DefaultValue("1024") @Min(64) @Max(4096) int previewMaxSide,
        @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
        @DefaultValue("30d") @NotNull Duration urlLifetime,
        @Nullable String signingKey,
        @DefaultValue("20s") @NotNull Duration fetchTimeout,
        @DefaultValue("postgres") @NotNull Store store,
        @DefaultValue @Valid @NotNull S3 s3,
        @DefaultValue("2GB") @NotNull DataSize maxVideoSize) {

    /** The largest upload of any kind: what a request body may carry. */
    public long maxAnyUpload() {
        return Math.max(maxUploadSize.toBytes(), maxVideoSize.toBytes());
    }

    /** Where image bytes are kept. */
    public enum Store {
        POSTGRES, S3
    }

    /** An S3 store needs its bucket; the rest has defaults or the SDK's own chain. */
    @AssertTrue(message = "gateway.media.store=s3 needs gateway.media.s3.bucket")
    public boolean isS3BucketNamedWhenUsed() {
        return store != Store.S3 || (s3.bucket() != null && !s3.bucket().isBlank());
    }

    /**
     * @param endpoint  the S3 API's address (MinIO, another S3-compatible service); absent means AWS S3 in
     *                  {@code region}
     * @param region    the bucket's region (default us-east-1, which MinIO accepts as it is)
     * @param bucket    the bucket the images go into; it must exist
     * @param prefix    put before each object's key, the SHA-256 in hex (default {@code media/})
     * @param pathStyle address the bucket in the path ({@code <endpoint>/<bucket>/<key>}), as MinIO and most
     *                  S3-compatible services want (default true); false puts it in the host name, as AWS prefers
     * @param accessKey the access key id; with the secret key absent the SDK's default chain is asked (environment,
     *                  profile, instance role)
     * @param secretKey the secret access key, never logged
     * @param timeout   how long one read from or write to the store may wait for the network (default 30s)
     */
    public record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") @NotNull String region,
            @Nullable String bucket, @DefaultValue("media/") @NotNull String prefix,
            @DefaultValue("true") boolean pathStyle, @Nullable String accessKey, @Nullable String secretKey,
            @DefaultValue("30s") @NotNull Duration timeout) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + ", secretKey="
                    + (secretKey == null ? "none" : "(set)") + ", timeout=" + timeout + "]";
        }
    }
}
