package org.kohogateway.connectors.x;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import org.kohogateway.connectors.MediaItem;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.UploadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twitter4j.HttpParameter;
import twitter4j.HttpRequest;
import twitter4j.JSONException;
import twitter4j.JSONObject;
import twitter4j.RequestMethod;
import twitter4j.TwitterException;
import twitter4j.auth.Authorization;

/**
 * A post's images, put on X before the post that names them: for each, {@code POST /2/media/upload} (multipart:
 * {@code media} = the approved bytes, streamed; {@code media_category=tweet_image}) and, when it has alt text,
 * {@code POST /2/media/metadata} (JSON {@code {"id":…,"metadata":{"alt_text":{"text":…}}}}). twitter4j-v2 1.4.3 has
 * no call for either, so they go through {@link XTransport}, signed by Twitter4J's own OAuth 1.0a {@link Authorization}.
 *
 * <p>An uploaded image is not public until a post names it, so no failure here is {@link PublishOutcome.Unknown}: a
 * lost answer or a 5xx is transient (a later attempt uploads again; X discards unused media), a refusal permanent.
 */
final class XMediaUploads {

    private static final Logger log = LoggerFactory.getLogger(XMediaUploads.class);

    /** The media ids of the uploaded images, in order, or what to report instead of posting. */
    record Uploaded(List<Long> mediaIds, PublishOutcome refusal) {
    }

    private final XTransport transport;
    private final Authorization authorization;
    private final String uploadUrl;
    private final String metadataUrl;
    private final XFailures failures;

    XMediaUploads(XTransport transport, Authorization authorization, URI v2BaseUrl, XFailures failures) {
        this.transport = transport;
        this.authorization = authorization;
        this.uploadUrl = v2BaseUrl.resolve("media/upload").toString();
        this.metadataUrl = v2BaseUrl.resolve("media/metadata").toString();
        this.failures = failures;
    }

    /** Uploads and describes every image, asking {@code mayContinue} before each request after the first. */
    Uploaded upload(List<MediaItem> images, BooleanSupplier mayContinue) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            int position = i + 1;
            if (i > 0 && !mayContinue.getAsBoolean()) {
                return refused(PublishOutcome.stoppedByPause("before uploading image " + position + " of " + images.size()));
            }
            MediaItem image = images.get(i);
            OneUpload upload = uploadBytes(image, position);
            if (upload.refusal() != null) {
                return refused(upload.refusal());
            }
            if (!image.altText().isBlank()) {
                if (!mayContinue.getAsBoolean()) {
                    return refused(PublishOutcome.stoppedByPause("before describing image " + position));
                }
                Optional<PublishOutcome> refusal = describe(upload.mediaId(), image.altText(), position);
                if (refusal.isPresent()) {
                    return refused(refusal.get());
                }
            }
            ids.add(upload.mediaId());
        }
        return new Uploaded(List.copyOf(ids), null);
    }

    /** One image's media id, or what to report instead. */
    private record OneUpload(long mediaId, PublishOutcome refusal) {
        static OneUpload refused(PublishOutcome refusal) {
            return new OneUpload(0, refusal);
        }
    }

    private OneUpload uploadBytes(MediaItem image, int position) {
        try (UploadStream bytes = UploadStream.open(image)) {
            XTransport.Response answer = transport.postMultipart(uploadUrl, authorization,
                    Map.of("media_category", "tweet_image"), "media",
                    "image-" + position + ("image/png".equals(image.contentType()) ? ".png" : ".jpg"),
                    image.contentType(), bytes.body());
            OptionalLong id = uploadedId(answer.body());
            return id.isPresent() ? new OneUpload(id.getAsLong(), null)
                    : OneUpload.refused(new PublishOutcome.Transient("X answered the upload of image " + position
                            + " without a media id; nothing was published", Optional.empty()));
        } catch (TwitterException e) {
            return OneUpload.refused(beforeThePost(failures.classify(e), "uploading image " + position));
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while uploading image {} to X", position, e);
            return OneUpload.refused(new PublishOutcome.Transient("unexpected failure while uploading image " + position
                    + ": " + XTransport.describe(e) + "; nothing was published", Optional.empty()));
        } catch (IOException e) {
            return OneUpload.refused(PublishOutcome.imageUnreadable(position, e));
        }
    }

    private Optional<PublishOutcome> describe(long mediaId, String altText, int position) {
        try {
            JSONObject body = new JSONObject().put("id", Long.toString(mediaId))
                    .put("metadata", new JSONObject().put("alt_text", new JSONObject().put("text", altText)));
            transport.request(new HttpRequest(RequestMethod.POST, metadataUrl, new HttpParameter[] {new HttpParameter(body)},
                    authorization, transport.getRequestHeaders()));
            return Optional.empty();
        } catch (TwitterException e) {
            return Optional.of(beforeThePost(failures.classify(e), "setting the alt text of image " + position));
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while describing image {} on X", position, e);
            return Optional.of(new PublishOutcome.Transient("unexpected failure while setting the alt text of image "
                    + position + ": " + XTransport.describe(e) + "; nothing was published", Optional.empty()));
        }
    }

    /** {@code {"data":{"id":"1880028106020515840","media_key":"3_1880028106020515840",…}}} */
    private static OptionalLong uploadedId(String body) {
        try {
            JSONObject data = new JSONObject(body).optJSONObject("data");
            String id = data == null ? "" : data.optString("id", "");
            return id.matches("\\d{1,19}") ? OptionalLong.of(Long.parseLong(id)) : OptionalLong.empty();
        } catch (JSONException | NumberFormatException unreadable) {
            return OptionalLong.empty();
        }
    }

    private static PublishOutcome beforeThePost(XFailures.Failure failure, String step) {
        String reason = failure.reason() + " (while " + step + ")";
        return switch (failure.kind()) {
            case PERMANENT -> new PublishOutcome.Permanent(reason);
            case TRANSIENT -> new PublishOutcome.Transient(reason, failure.retryAfter());
            case UNKNOWN -> new PublishOutcome.Transient(reason + "; nothing was published: an uploaded image is not "
                    + "shown until a post names it", failure.retryAfter());
        };
    }

    private static Uploaded refused(PublishOutcome outcome) {
        return new Uploaded(List.of(), outcome);
    }
}
