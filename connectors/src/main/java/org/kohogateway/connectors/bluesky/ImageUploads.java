package org.kohogateway.connectors.bluesky;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.UploadStream;

import tools.jackson.databind.JsonNode;

/**
 * A post's images, sent through {@code com.atproto.repo.uploadBlob} before the post: each request's body is the image's
 * approved bytes with its type, and the answer the blob the post's images embed names. An uploaded blob is public
 * only once a record refers to it, so nothing here can leave a delivery's outcome unknown.
 *
 * <p>All images' bytes are opened before the first request: an image that cannot be read refuses the post before
 * anything, the session included, is asked of Bluesky.
 */
final class ImageUploads implements AutoCloseable {

    private final List<MediaItem> images;
    private final List<UploadStream> streams;

    private ImageUploads(List<MediaItem> images, List<UploadStream> streams) {
        this.images = images;
        this.streams = streams;
    }

    /** The images with their bytes open, or the refusal of the post when one cannot be read. */
    static Opened open(List<MediaItem> images) {
        List<UploadStream> streams = new ArrayList<>();
        for (MediaItem image : images) {
            try {
                streams.add(UploadStream.open(image));
            } catch (IOException e) {
                streams.forEach(UploadStream::close);
                return new Opened(null, PublishOutcome.imageUnreadable(streams.size() + 1, e));
            }
        }
        return new Opened(new ImageUploads(images, streams), null);
    }

    /** Opened images, or why they could not be. */
    record Opened(@Nullable ImageUploads uploads, @Nullable PublishOutcome refusal) {
    }

    /** The uploaded images, in order, or what to report instead. */
    record Uploaded(List<PostRecord.Image> images, @Nullable PublishOutcome refusal) {
    }

    /** Uploads every image, asking {@code mayContinue} before each. */
    Uploaded upload(Xrpc xrpc, BlueskySession session, WriteLimit limit, BooleanSupplier mayContinue)
            throws BlueskySession.Failure {
        List<PostRecord.Image> uploaded = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int position = i + 1;
            if (!mayContinue.getAsBoolean()) {
                return refused(PublishOutcome.stoppedByPause("before uploading image " + position));
            }
            MediaItem image = images.get(i);
            UploadStream bytes = streams.get(i);
            Xrpc.Answer answer;
            try {
                answer = session.call(token -> xrpc.upload("com.atproto.repo.uploadBlob", image.contentType(),
                        image.bytes(), bytes.body(), token));
            } catch (Xrpc.NoAnswer e) {
                return refused(new PublishOutcome.Transient("image " + position + " was not uploaded: "
                        + e.getMessage() + "; nothing was published", Optional.empty()));
            }
            String reason = "image " + position + " was not uploaded: " + answer.describe() + "; nothing was published";
            if (answer.status() == 429) {
                return refused(new PublishOutcome.Transient(reason, limit.retryAfter(answer)));
            }
            if (!answer.ok()) {
                return refused(answer.status() >= 500 ? new PublishOutcome.Transient(reason, Optional.empty())
                        : new PublishOutcome.Permanent(reason));
            }
            JsonNode blob = answer.body() == null ? null : Objects.requireNonNull(answer.body()).get("blob");
            if (blob == null || !blob.isObject()) {
                return refused(new PublishOutcome.Transient("Bluesky answered the upload of image " + position
                        + " without a blob; nothing was published", Optional.empty()));
            }
            uploaded.add(new PostRecord.Image(blob, image.altText(), image.width(), image.height()));
        }
        return new Uploaded(List.copyOf(uploaded), null);
    }

    private static Uploaded refused(PublishOutcome refusal) {
        return new Uploaded(List.of(), refusal);
    }

    /** Closes the images' bytes; a failure to close after the requests changes nothing ({@link UploadStream}). */
    @Override
    public void close() {
        streams.forEach(UploadStream::close);
    }
}
