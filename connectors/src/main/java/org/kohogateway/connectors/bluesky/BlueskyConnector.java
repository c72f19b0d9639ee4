package org.kohogateway.connectors.bluesky;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Bluesky account, reached over the AT Protocol's XRPC with an app password ({@link BlueskySession}).
 *
 * <p>No kept Java client exists for the AT Protocol: the maintained ones (kbsky, ozone) are Kotlin Multiplatform
 * libraries built on Ktor, whose HTTP engines do not tell a refused connection from a lost answer and may repeat a
 * request. The few calls needed here go through the JDK's {@link java.net.http.HttpClient} ({@link Xrpc}) with the
 * records built as the lexicons define them ({@link PostRecord}).
 *
 * <p><b>Exactly once by construction.</b> A post is written under a record key derived from the delivery id
 * ({@link RecordKeys}), through {@code com.atproto.repo.applyWrites}; an account's repository holds one record per key,
 * so a repeated attempt cannot make a second post, whatever happened to the first one's answer. So
 * {@link #deduplicatesRetries()} is true, like LINE's retry key, and never expires. An attempt after the first asks
 * {@code com.atproto.repo.getRecord} for the key before anything else, and every write whose answer was lost or a
 * refusal does the same before saying so: a record there is this delivery's post, and the outcome is
 * {@link PublishOutcome.Published} with its at-uri. (Bluesky's PDS answers a create under a key already taken with
 * {@code 500 InternalServerError}, so only the look-up can tell that answer apart from a real failure.)
 *
 * <p>The no-reply policy writes an {@code app.bsky.feed.threadgate} with an empty allow list under the same key, in the
 * same {@code applyWrites}: the post is never visible without it. Images (at most {@value #MAX_IMAGES}) go up first
 * through {@code com.atproto.repo.uploadBlob}, each with its alt text in the post's images embed; a post without images
 * gets a link card for its first link. Answers and quotes are refused, as on every platform the gateway serves.
 *
 * <p>Failures: {@code 429} waits for {@code RateLimit-Reset}, and a write the last-seen allowance cannot pay for waits
 * without being sent ({@link WriteLimit}); 5xx and lost answers to the write are {@link PublishOutcome.Unknown} unless the
 * look-up finds the post; other 4xx are permanent; no session is transient, refused credentials permanent.
 */
public final class BlueskyConnector implements PlatformConnector {

    private static final Logger log = LoggerFactory.getLogger(BlueskyConnector.class);

    /** {@code app.bsky.embed.images} takes at most four. */
    public static final int MAX_IMAGES = 4;

    /** The post lexicon's {@code maxLength} of the text, in UTF-8 bytes, beside its 300 graphemes. */
    public static final int MAX_TEXT_BYTES = 3000;

    private final Xrpc xrpc;
    private final BlueskySession session;
    private final WriteLimit writeLimit;
    private final Clock clock;

    public BlueskyConnector(BlueskySettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the posts' {@code createdAt} and the time {@code RateLimit-Reset} is counted from */
    public BlueskyConnector(BlueskySettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.xrpc = new Xrpc(settings.serviceUrl(), settings.connectTimeout(), settings.readTimeout());
        this.session = new BlueskySession(xrpc, settings.identifier(), settings.appPassword());
        this.writeLimit = new WriteLimit(clock);
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    /** True: a repeat writes under the same record key, which can hold one post only ({@link RecordKeys}). */
    @Override
    public boolean deduplicatesRetries() {
        return true;
    }

    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        return OutcomeLog.logged(log, "Bluesky post", publication, post(publication, mayContinue));
    }

    private PublishOutcome post(Publication publication, BooleanSupplier mayContinue) {
        Optional<PublishOutcome> refusal = refusal(publication);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        String text = PlatformText.sent(Platform.BLUESKY, publication.text(), publication.links(),
                !publication.media().isEmpty());
        int points = WriteLimit.CREATE_POINTS * (publication.noReplies() ? 2 : 1);
        Optional<Duration> wait = writeLimit.waitFor(points);
        if (wait.isPresent()) {
            return new PublishOutcome.Transient("the account's Bluesky write allowance is spent until its reset; "
                    + "nothing was sent", wait);
        }
        ImageUploads.Opened opened = ImageUploads.open(publication.media());
        if (opened.uploads() == null) {
            return Objects.requireNonNull(opened.refusal());
        }
        try (ImageUploads uploads = opened.uploads()) {
            String did = session.did();
            String rkey = RecordKeys.forDelivery(publication.deliveryKey());
            String uri = RecordKeys.postUri(did, rkey);
            if (publication.attempt() > 1 && exists(did, rkey)) {
                return new PublishOutcome.Published(uri);
            }
            ImageUploads.Uploaded uploaded = uploads.upload(xrpc, session, writeLimit, mayContinue);
            if (uploaded.refusal() != null) {
                return uploaded.refusal();
            }
            if (!mayContinue.getAsBoolean()) {
                return PublishOutcome.stoppedByPause("before the post");
            }
            Instant now = clock.instant();
            ObjectNode body = Xrpc.json().createObjectNode().put("repo", did);
            ArrayNode writes = body.putArray("writes");
            create(writes, RecordKeys.POST, rkey, PostRecord.post(text, uploaded.images(), publication.links(), now));
            if (publication.noReplies()) {
                create(writes, RecordKeys.THREADGATE, rkey, PostRecord.noReplies(uri, now));
            }
            return write(did, rkey, body);
        } catch (BlueskySession.Failure e) {
            return sessionFailure(e);
        }
    }

    /**
     * Deletes the post ({@code com.atproto.repo.deleteRecord}), then its threadgate if it has one: the PDS answers the
     * deletion of a record that is not there with success, so the second request needs no look-up first. The post is
     * what counts; a threadgate left behind gates nothing and is only logged.
     */
    @Override
    public DeleteOutcome delete(String platformPostId) {
        Optional<RecordKeys.PostAddress> address = platformPostId == null ? Optional.empty()
                : RecordKeys.parse(platformPostId);
        if (address.isEmpty()) {
            return new DeleteOutcome.Failed("not the at-uri of a Bluesky post: '" + platformPostId + "'", false);
        }
        try {
            String did = session.did();
            if (!did.equals(address.get().did())) {
                return new DeleteOutcome.Failed(platformPostId + " is in another account's repository, not " + did,
                        false);
            }
            Xrpc.Answer answer = deleteRecord(did, RecordKeys.POST, address.get().rkey());
            if (!answer.ok()) {
                return new DeleteOutcome.Failed(answer.describe(), answer.status() == 429 || answer.status() >= 500);
            }
            Xrpc.Answer gate = deleteRecord(did, RecordKeys.THREADGATE, address.get().rkey());
            if (!gate.ok()) {
                log.warn("Bluesky post {} is deleted, its threadgate is not: {}", platformPostId, gate.describe());
            }
            return new DeleteOutcome.Deleted();
        } catch (Xrpc.NoAnswer e) {
            return new DeleteOutcome.Failed(e.getMessage(), true);
        } catch (BlueskySession.Failure e) {
            Xrpc.Answer refused = e.answer();
            return new DeleteOutcome.Failed(e.getMessage(), refused == null || refused.status() == 429
                    || refused.status() >= 500);
        }
    }

    private Xrpc.Answer deleteRecord(String did, String collection, String rkey)
            throws Xrpc.NoAnswer, BlueskySession.Failure {
        ObjectNode body = Xrpc.json().createObjectNode().put("repo", did).put("collection", collection)
                .put("rkey", rkey);
        Xrpc.Answer answer = session.call(token -> xrpc.procedure("com.atproto.repo.deleteRecord", body, token));
        writeLimit.observe(answer);
        return answer;
    }

    /** The profile as {@code app.bsky.actor.getProfile} shows it: display name, description and website. */
    @Override
    public ProfileReading readProfile() {
        try {
            String did = session.did();
            Xrpc.Answer answer = session.call(token -> xrpc.query("app.bsky.actor.getProfile", Map.of("actor", did),
                    token));
            if (!answer.ok()) {
                return new ProfileReading.Failed(answer.describe());
            }
            if (answer.body() == null) {
                return new ProfileReading.Failed("Bluesky answered the profile without a readable body");
            }
            String website = answer.text("website").strip();
            return new ProfileReading.Profile(answer.text("displayName"), answer.text("description"),
                    website.isEmpty() ? Optional.empty() : Optional.of(website));
        } catch (Xrpc.NoAnswer | BlueskySession.Failure e) {
            return new ProfileReading.Failed(e.getMessage());
        }
    }

    /**
     * Always {@link FindOutcome.Unsupported}, without calling Bluesky: no look-up by text is needed, since a delivery
     * whose outcome is unknown is sent again under the same record key, which finds its post if it exists.
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return new FindOutcome.Unsupported("Bluesky needs no look-up by text: a delivery whose outcome is unknown is "
                + "sent again under the same record key, which finds its post if the first attempt made it");
    }

    /** What is refused before any request: nothing to post, too much of it, or what no one approved. */
    private static Optional<PublishOutcome> refusal(Publication publication) {
        if (publication.refersToAnotherPost()) {
            return Optional.of(new PublishOutcome.Permanent("the Bluesky connector does not answer or quote other "
                    + "posts: it would publish a standalone post instead of what was approved"));
        }
        if (publication.media().size() > MAX_IMAGES) {
            return Optional.of(new PublishOutcome.Permanent("a Bluesky post carries at most " + MAX_IMAGES
                    + " images, not " + publication.media().size()));
        }
        String text = PlatformText.sent(Platform.BLUESKY, publication.text(), publication.links(),
                !publication.media().isEmpty());
        if (text.isBlank() && publication.media().isEmpty()) {
            return Optional.of(new PublishOutcome.Permanent("nothing to post: the text, links and images are empty"));
        }
        int length = PlatformText.length(Platform.BLUESKY, text);
        if (length > PlatformText.limit(Platform.BLUESKY)) {
            return Optional.of(new PublishOutcome.Permanent("a Bluesky post has at most "
                    + PlatformText.limit(Platform.BLUESKY) + " graphemes, this one " + length));
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            return Optional.of(new PublishOutcome.Permanent("a Bluesky post's text is at most " + MAX_TEXT_BYTES
                    + " bytes in UTF-8, this one " + bytes));
        }
        return Optional.empty();
    }

    private static void create(ArrayNode writes, String collection, String rkey, ObjectNode value) {
        writes.addObject().put("$type", "com.atproto.repo.applyWrites#create").put("collection", collection)
                .put("rkey", rkey).set("value", value);
    }

    /** The {@code applyWrites} that makes the post, and what its answer, or the look-up after it, says. */
    private PublishOutcome write(String did, String rkey, ObjectNode body) throws BlueskySession.Failure {
        String uri = RecordKeys.postUri(did, rkey);
        Xrpc.Answer answer;
        try {
            answer = session.call(token -> xrpc.procedure("com.atproto.repo.applyWrites", body, token));
        } catch (Xrpc.NoAnswer e) {
            if (e.neverLeft()) {
                return new PublishOutcome.Transient(e.getMessage(), Optional.empty());
            }
            return exists(did, rkey) ? new PublishOutcome.Published(uri) : new PublishOutcome.Unknown(e.getMessage()
                    + "; the post may exist under " + uri + ", and a repeat would find it there");
        }
        writeLimit.observe(answer);
        if (answer.ok()) {
            JsonNode written = answer.body() == null ? null : answer.body().path("results").path(0).get("uri");
            if (written != null && written.isString() && written.stringValue().equals(uri)) {
                return new PublishOutcome.Published(uri);
            }
            return exists(did, rkey) ? new PublishOutcome.Published(uri)
                    : new PublishOutcome.Unknown("Bluesky answered HTTP " + answer.status() + " without the post's uri");
        }
        if (answer.status() == 429) {
            return new PublishOutcome.Transient(answer.describe(), writeLimit.retryAfter(answer),
                    Optional.of(PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        if (exists(did, rkey)) {
            return new PublishOutcome.Published(uri);
        }
        if (answer.status() >= 500) {
            return new PublishOutcome.Unknown(answer.describe() + "; the post may exist under " + uri);
        }
        return answer.status() == 401 || answer.status() == 403
                ? new PublishOutcome.Permanent("Bluesky refused the account's credentials: " + answer.describe(),
                        Optional.of(PublishOutcome.AccountTrouble.CREDENTIALS))
                : new PublishOutcome.Permanent(answer.describe());
    }

    /** Whether the account's repository holds a post under this key; false when that cannot be told. */
    private boolean exists(String did, String rkey) {
        try {
            Xrpc.Answer answer = session.call(token -> xrpc.query("com.atproto.repo.getRecord",
                    Map.of("repo", did, "collection", RecordKeys.POST, "rkey", rkey), token));
            return answer.ok() && RecordKeys.postUri(did, rkey).equals(answer.text("uri"));
        } catch (Xrpc.NoAnswer | BlueskySession.Failure e) {
            return false;
        }
    }

    /** No session: nothing was sent. Refused credentials are for an admin to fix; the rest passes. */
    private PublishOutcome sessionFailure(BlueskySession.Failure failure) {
        Xrpc.Answer answer = failure.answer();
        if (answer == null || answer.status() >= 500) {
            return new PublishOutcome.Transient(failure.getMessage() + "; nothing was published", Optional.empty());
        }
        if (answer.status() == 429) {
            return new PublishOutcome.Transient(failure.getMessage() + "; nothing was published",
                    writeLimit.retryAfter(answer), Optional.of(PublishOutcome.AccountTrouble.RATE_LIMITED));
        }
        // the session is the account's: a refused createSession is its credentials (or a taken-down account)
        return new PublishOutcome.Permanent(failure.getMessage() + "; nothing was published",
                Optional.of(answer.status() == 400 && "AccountTakedown".equals(answer.text("error"))
                        ? PublishOutcome.AccountTrouble.SUSPENDED : PublishOutcome.AccountTrouble.CREDENTIALS));
    }
}
