package org.kohogateway.connectors.line;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.linecorp.bot.client.base.Result;
import com.linecorp.bot.client.base.exception.AbstractLineClientException;
import com.linecorp.bot.messaging.client.MessagingApiClient;
import com.linecorp.bot.messaging.model.BotInfoResponse;
import com.linecorp.bot.messaging.model.BroadcastRequest;
import com.linecorp.bot.messaging.model.ImageMessage;
import com.linecorp.bot.messaging.model.Message;
import com.linecorp.bot.messaging.model.MessageQuotaResponse;
import com.linecorp.bot.messaging.model.PushMessageRequest;
import com.linecorp.bot.messaging.model.QuotaConsumptionResponse;
import com.linecorp.bot.messaging.model.TextMessage;

/**
 * A LINE Official Account, reached through the official Messaging API SDK.
 *
 * <p>A publication goes out as a broadcast to every friend of the account, carrying the delivery key
 * as {@code X-Line-Retry-Key}, so LINE itself turns a repeated attempt into a no-op (HTTP 409 naming
 * the request it accepted first). That is why a lost answer is reported as {@code Unknown} and may be
 * retried safely. {@link Publication#noReplies()} needs nothing here: a broadcast has no public reply
 * thread, and one-to-one chats are governed by the account's chat settings in the LINE console.
 *
 * <p>Beyond the {@link PlatformConnector} calls: {@link #quota()} reads the month's message quota, and
 * {@link #pushPreview(String, Publication)} sends the same messages to one test recipient before the broadcast.
 */
public final class LineConnector implements PlatformConnector {

    private static final Logger log = LoggerFactory.getLogger(LineConnector.class);

    /** LINE takes at most five messages per broadcast and the text needs one of them. */
    private static final int MAX_IMAGES = 4;

    /** Leaves OkHttp's own timeouts room to fire first, so their more precise exception is what we see. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

    private static final String NO_PROFILE_TEXT =
            "LINE exposes no profile text: the Messaging API's bot info has a display name and basic ID "
                    + "but no description or website, so profile compliance cannot be checked through the API";

    /** A LINE user id: {@code U} and 32 lower-case hex digits. */
    private static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");

    private final MessagingApiClient client;
    private final Duration answerDeadline;

    public LineConnector(LineSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.client = MessagingApiClient.builder(settings.channelAccessToken())
                .apiEndPoint(settings.apiEndpoint())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                // A broadcast body is a few kilobytes at most, so sending it deserves no longer than the answer.
                .writeTimeout(settings.readTimeout())
                // The SDK's default wire logger prints every request header, the bearer token included.
                .usingDefaultLogger(false)
                // OkHttp runs only five calls per host by default and queues the rest inside its dispatcher,
                // where they would leave after the gateway's pause check; let every call the gateway makes
                // run at once instead.
                .maxRequests(settings.maxConcurrentRequests())
                .maxRequestsPerHost(settings.maxConcurrentRequests())
                .build();
        this.answerDeadline = settings.connectTimeout().plus(settings.readTimeout()).plus(ANSWER_MARGIN);
    }

    @Override
    public Platform platform() {
        return Platform.LINE;
    }

    @Override
    public boolean deduplicatesRetries() {
        return true;
    }

    /** One request: nothing to ask {@code mayContinue} between. */
    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        return OutcomeLog.logged(log, "LINE broadcast", publication, broadcast(publication));
    }

    @Override
    public DeleteOutcome delete(String platformPostId) {
        return new DeleteOutcome.NotSupported(
                "LINE broadcasts cannot be recalled: the Messaging API has no call to unsend a message "
                        + "once it has been delivered to friends' chats; post a correction instead");
    }

    /**
     * Always {@link FindOutcome.Unsupported}, without calling LINE: the Messaging API cannot list what an
     * account has broadcast, and needs no look-up either, because a repeated broadcast with the same
     * {@code X-Line-Retry-Key} is de-duplicated by LINE ({@link #deduplicatesRetries()}).
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        return new FindOutcome.Unsupported("LINE needs no look-up and offers none: a delivery whose outcome is unknown "
                + "is sent again with the same X-Line-Retry-Key, which LINE de-duplicates for 24 hours");
    }

    /**
     * Always {@link ProfileReading.NotCheckable} when the credentials work: the call to LINE's bot info
     * only proves that the token still reaches the account, so a revoked token shows up as
     * {@link ProfileReading.Failed} rather than hiding behind "not checkable".
     */
    @Override
    public ProfileReading readProfile() {
        try {
            BotInfoResponse bot = read(client.getBotInfo());
            return new ProfileReading.NotCheckable(bot == null
                    ? NO_PROFILE_TEXT
                    : NO_PROFILE_TEXT + " (credentials reach " + bot.displayName() + ", " + bot.basicId() + ")");
        } catch (ReadFailure e) {
            return new ProfileReading.Failed(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while reading LINE bot info", e);
            return new ProfileReading.Failed("unexpected failure: " + LineFailures.describe(e));
        }
    }

    /**
     * The account's message quota for the current month: {@code GET /v2/bot/message/quota} (the limit) and
     * {@code GET /v2/bot/message/quota/consumption} (what has been used), asked at the same time. Never
     * throws: any refusal, lost answer or unexpected shape is {@link LineQuota.Failed}.
     */
    public LineQuota quota() {
        CompletableFuture<Result<MessageQuotaResponse>> limit = null;
        CompletableFuture<Result<QuotaConsumptionResponse>> consumption = null;
        try {
            limit = client.getMessageQuota();
            consumption = client.getMessageQuotaConsumption();
            MessageQuotaResponse quota = read(limit);
            QuotaConsumptionResponse usage = read(consumption);
            if (usage == null || usage.totalUsage() == null || usage.totalUsage() < 0) {
                return new LineQuota.Failed("LINE answered the quota consumption without a usable totalUsage: " + usage);
            }
            long used = usage.totalUsage();
            if (quota == null || quota.type() == null) {
                return new LineQuota.Failed("LINE answered the message quota without a type: " + quota);
            }
            return switch (quota.type()) {
                case NONE -> new LineQuota.Unlimited(used);
                case LIMITED -> quota.value() == null || quota.value() < 0
                        ? new LineQuota.Failed("LINE answered a limited message quota without a usable value: " + quota)
                        : new LineQuota.Limited(quota.value(), used);
                case UNDEFINED -> new LineQuota.Failed("LINE answered the message quota with an unknown type");
            };
        } catch (ReadFailure e) {
            return new LineQuota.Failed(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while reading the LINE message quota", e);
            return new LineQuota.Failed("unexpected failure: " + LineFailures.describe(e));
        } finally {
            // Whichever call is still running after a failure of the other is of no use any more.
            if (limit != null) {
                limit.cancel(true);
            }
            if (consumption != null) {
                consumption.cancel(true);
            }
        }
    }

    /**
     * Sends the messages {@link #publish(Publication)} would broadcast to one test recipient only, through
     * {@code POST /v2/bot/message/push}, so that a person can see the post in LINE before it goes to every
     * friend. The push carries its own {@code X-Line-Retry-Key}, {@link #previewRetryKey(UUID, String)}:
     * derived from the delivery key and the recipient, so that repeating the same preview is de-duplicated by
     * LINE too, while never colliding with the broadcast's key. The outcome is classified as for a broadcast.
     *
     * @param recipientUserId the LINE user id of the test recipient ({@code U} and 32 hex digits); the
     *                        recipient must be a friend of the account
     */
    public PublishOutcome pushPreview(String recipientUserId, Publication publication) {
        Objects.requireNonNull(publication, "publication");
        if (recipientUserId == null || !USER_ID.matcher(recipientUserId).matches()) {
            return new PublishOutcome.Permanent("not a LINE user id (U followed by 32 hex digits): '" + recipientUserId + "'");
        }
        UUID retryKey = previewRetryKey(publication.deliveryKey(), recipientUserId);
        PublishOutcome outcome = send(publication, retryKey, "preview push", messages ->
                client.pushMessage(retryKey, new PushMessageRequest.Builder(recipientUserId, messages).build()));
        return OutcomeLog.logged(log, "LINE preview push", publication, outcome);
    }

    /**
     * The {@code X-Line-Retry-Key} of the preview of {@code deliveryKey} for {@code recipientUserId}: a
     * name-based (version 3) UUID, the same for every repetition of that preview, different for another
     * recipient, and never equal to the delivery key that the broadcast itself uses.
     */
    public static UUID previewRetryKey(UUID deliveryKey, String recipientUserId) {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(recipientUserId, "recipientUserId");
        return UUID.nameUUIDFromBytes(("koho-gateway:line-preview:" + deliveryKey + ":" + recipientUserId)
                .getBytes(StandardCharsets.UTF_8));
    }

    private PublishOutcome broadcast(Publication publication) {
        if (publication.refersToAnotherPost()) {
            return new PublishOutcome.Permanent("the LINE connector cannot answer or quote another post: "
                    + "it would publish a standalone post instead of what was approved");
        }
        UUID retryKey = publication.deliveryKey();
        return send(publication, retryKey, "broadcast",
                messages -> client.broadcast(retryKey, new BroadcastRequest.Builder(messages).build()));
    }

    /** Builds the publication's messages and sends them with {@code call}, classifying whatever comes back. */
    private <T> PublishOutcome send(Publication publication, UUID retryKey, String what,
            Function<List<Message>, CompletableFuture<Result<T>>> call) {
        if (publication.media().size() > MAX_IMAGES) {
            return new PublishOutcome.Permanent("LINE takes at most " + MAX_IMAGES + " images beside the text, not "
                    + publication.media().size());
        }
        List<Message> messages = messages(publication);
        if (messages.isEmpty()) {
            return new PublishOutcome.Permanent("nothing to send: the text, links and images are all empty");
        }
        try {
            Result<T> result = await(call.apply(messages));
            String requestId = result.requestId();
            return new PublishOutcome.Published(
                    requestId == null || requestId.isBlank() ? retryKey.toString() : requestId);
        } catch (ExecutionException e) {
            return LineFailures.classify(e.getCause());
        } catch (TimeoutException e) {
            return new PublishOutcome.Unknown("no answer from LINE within " + answerDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishOutcome.Unknown("interrupted while waiting for LINE's answer");
        } catch (RuntimeException e) {
            log.warn("Unexpected failure during LINE {} {}", what, retryKey, e);
            return new PublishOutcome.Unknown("unexpected failure: " + LineFailures.describe(e));
        }
    }

    /** The body of a read-only call, or a {@link ReadFailure} saying why there is none. */
    private <T> T read(CompletableFuture<Result<T>> answer) throws ReadFailure {
        try {
            return await(answer).body();
        } catch (ExecutionException e) {
            throw new ReadFailure(e.getCause() instanceof AbstractLineClientException http
                    ? LineFailures.httpReason(http)
                    : "no answer from LINE: " + LineFailures.describe(e.getCause()));
        } catch (TimeoutException e) {
            throw new ReadFailure("no answer from LINE within " + answerDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure("interrupted while waiting for LINE");
        }
    }

    /** Why a read-only call gave no body; the message is for people and never carries the token. */
    private static final class ReadFailure extends Exception {
        ReadFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Waits for the SDK's answer, cancelling the HTTP call if it does not come in time. */
    private <T> Result<T> await(CompletableFuture<Result<T>> answer)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return answer.get(answerDeadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    private static List<Message> messages(Publication publication) {
        List<Message> messages = new ArrayList<>();
        String text = PlatformText.sent(Platform.LINE, publication.text(), publication.links(), false);
        if (!text.isBlank()) {
            messages.add(new TextMessage.Builder(text).build());
        }
        // LINE shows the preview in the chat and fetches the original on tap, each from the gateway's signed address.
        // Image messages carry no alt text: the gateway keeps it in the post's record.
        publication.media().forEach(image -> messages.add(
                new ImageMessage.Builder(image.publicUrl(), image.previewUrl()).build()));
        return messages;
    }
}
