package org.kohogateway.connectors.x;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PlatformText;
import org.kohogateway.connectors.DeleteOutcome;
import org.kohogateway.connectors.FindOutcome;
import org.kohogateway.connectors.OutcomeLog;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.PostText;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.connectors.RecentMatches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twitter4j.BooleanResponse;
import twitter4j.CreateTweetResponse;
import twitter4j.PaginationToken;
import twitter4j.ReplySettings;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.TwitterFactory;
import twitter4j.TwitterV2;
import twitter4j.TwitterV2ExKt;
import twitter4j.Tweet;
import twitter4j.TweetsResponse;
import twitter4j.UrlEntity2;
import twitter4j.User2;
import twitter4j.UsersResponse;
import twitter4j.V2ConfigurationKt;
import twitter4j.conf.Configuration;
import twitter4j.conf.ConfigurationBuilder;

/**
 * An X account, reached through X API v2 with OAuth 1.0a user context: Twitter4J 4.0.7 signs the
 * requests, twitter4j-v2 1.4.3 builds and parses them.
 *
 * <p>A publication becomes a post through {@code POST /2/tweets} ({@code createTweet}); its links are
 * appended to the text when the text does not already contain them. Images (at most {@value #MAX_IMAGES})
 * are uploaded first, each through {@code POST /2/media/upload} and, with its alt text, {@code POST
 * /2/media/metadata} ({@link XMediaUploads}); the post then names them in {@code media.media_ids}. Only the
 * post itself can make anything public, so only its ambiguous answer is {@link PublishOutcome.Unknown}; a
 * failed upload is transient or permanent. {@code mayContinue} is asked before every request after the
 * first. When {@link Publication#noReplies()} is set, the post carries
 * {@code "reply_settings":"mentionedUsers"}, so that only accounts the post mentions (none, for a city
 * announcement) can reply: the platform itself enforces the account's no-reply policy.
 *
 * <p>X has no idempotency key ({@link #deduplicatesRetries()} is {@code false}): a request whose answer
 * was lost (read timeout, connection reset after sending) is {@link PublishOutcome.Unknown} and must be
 * reconciled, never blindly repeated. Only a failure to connect is {@link PublishOutcome.Transient}. To keep
 * that promise, requests go through {@link XTransport} instead of Twitter4J's {@code HttpURLConnection}
 * client, which may silently send a POST twice. Answers are classified by HTTP status ({@link XFailures}):
 * 429 is transient and waits for {@code x-rate-limit-reset} (or the exhausted 24-hour user/app limit's
 * reset); a 5xx to {@code POST /2/tweets} is unknown, since the post may exist; 401 (credentials), 403 and
 * every other 4xx are permanent, except "duplicate content" on a later attempt, which says the earlier
 * attempt's post exists (unknown).
 *
 * <p>Profile reading uses {@code GET /2/users/me?user.fields=description,url,entities} ({@code getMe}) and
 * reports the website as {@code entities.url.urls[0].expanded_url}, since X shows profile links as t.co
 * short links. Twitter4J's {@code expansions} parameter cannot be left out, so it asks for
 * {@code pinned_tweet_id}, the library's default.
 *
 * <p>Library constraints worth knowing:
 * <ul>
 *   <li>twitter4j-v2 keeps its v2 base URL in a process-wide map keyed by the Twitter4J configuration's
 *       <em>value</em>; two connectors whose settings differ only in {@code v2BaseUrl} would share the last
 *       one set. Production uses a single v2 URL, so this only matters for odd test setups.</li>
 *   <li>Twitter4J picks its own logger (SLF4J 1.x, commons-logging, log4j, else standard output). At
 *       DEBUG its {@code twitter4j.auth.OAuthAuthorization} logger prints the OAuth signature base string,
 *       which contains the consumer key and the access token (never the secrets); keep the
 *       {@code twitter4j} loggers at INFO or above. This connector's own log lines carry no credentials.</li>
 * </ul>
 */
public final class XConnector implements PlatformConnector {

    private static final Logger log = LoggerFactory.getLogger(XConnector.class);

    /** X's own bound on the images of one post. */
    public static final int MAX_IMAGES = 4;

    private static final int LOOKUP_PAGE_SIZE = 100;
    private static final int MAX_LOOKUP_PAGES = 5;

    private final TwitterV2 v2;
    private final XMediaUploads mediaUploads;
    private final XFailures failures;
    /** The authenticated account's id, once {@link #findRecent} has asked X for it. */
    private volatile @Nullable Long userId;

    public XConnector(XSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the clock that turns {@code x-rate-limit-reset} (epoch seconds) into a wait */
    public XConnector(XSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.failures = new XFailures(Objects.requireNonNull(clock, "clock"));
        Configuration configuration = new ConfigurationBuilder()
                .setOAuthConsumerKey(settings.consumerKey())
                .setOAuthConsumerSecret(settings.consumerSecret())
                .setOAuthAccessToken(settings.accessToken())
                .setOAuthAccessTokenSecret(settings.accessTokenSecret())
                .setRestBaseURL(settings.restBaseUrl().toString())
                .setHttpConnectionTimeout((int) settings.connectTimeout().toMillis())
                .setHttpReadTimeout((int) settings.readTimeout().toMillis())
                .setHttpRetryCount(0)
                .setGZIPEnabled(false)
                .setDebugEnabled(false)
                .setJSONStoreEnabled(false)
                .build();
        V2ConfigurationKt.getV2Configuration(configuration).setBaseURL(settings.v2BaseUrl().toString());
        Twitter twitter = new TwitterFactory(configuration).getInstance();
        XTransport transport = new XTransport(settings.v2BaseUrl(), settings.connectTimeout(), settings.readTimeout(),
                configuration.getHttpClientConfiguration());
        XTransport.install(twitter, transport);
        this.v2 = TwitterV2ExKt.getV2(twitter);
        this.mediaUploads = new XMediaUploads(transport, twitter.getAuthorization(), settings.v2BaseUrl(), failures);
    }

    @Override
    public Platform platform() {
        return Platform.X;
    }

    @Override
    public boolean deduplicatesRetries() {
        return false;
    }

    @Override
    public PublishOutcome publish(Publication publication, BooleanSupplier mayContinue) {
        Objects.requireNonNull(publication, "publication");
        return OutcomeLog.logged(log, "X post", publication, post(publication, mayContinue));
    }

    @Override
    public DeleteOutcome delete(String platformPostId) {
        if (platformPostId == null || !platformPostId.matches("\\d{1,19}")) {
            return new DeleteOutcome.Failed("not an X post id: '" + platformPostId + "'", false);
        }
        try {
            BooleanResponse response = v2.deleteTweet(Long.parseLong(platformPostId));
            return response.getResult() ? new DeleteOutcome.Deleted()
                    : new DeleteOutcome.Failed("X answered the deletion of " + platformPostId + " with deleted=false", true);
        } catch (TwitterException e) {
            XFailures.Failure failure = failures.classify(e);
            return new DeleteOutcome.Failed(failure.reason(), failure.kind() != XFailures.Kind.PERMANENT);
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while deleting X post {}", platformPostId, e);
            return new DeleteOutcome.Failed("unexpected failure: " + XTransport.describe(e), true);
        }
    }

    @Override
    public ProfileReading readProfile() {
        try {
            UsersResponse response = v2.getMe("pinned_tweet_id", null, "description,url,entities");
            if (response.getUsers().isEmpty()) {
                return new ProfileReading.Failed("X answered /2/users/me without a user");
            }
            User2 me = response.getUsers().get(0);
            return new ProfileReading.Profile(nullToEmpty(me.getName()), nullToEmpty(me.getDescription()), website(me));
        } catch (TwitterException e) {
            return new ProfileReading.Failed(failures.classify(e).reason());
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while reading the X profile", e);
            return new ProfileReading.Failed("unexpected failure: " + XTransport.describe(e));
        }
    }

    /**
     * Reads the authenticated account's own posts ({@code GET /2/users/:id/tweets} with {@code start_time},
     * {@code max_results=100}, retweets excluded but replies kept, since a delivery may answer another post;
     * the id from {@code getMe}, asked once) and finds those whose text matches {@code text} as X renders it
     * ({@link PostText}: whitespace normalised, {@code t.co} links matching any URL); {@link RecentMatches}
     * decides the answer. Follows X's pagination for at most {@value #MAX_LOOKUP_PAGES} pages; beyond that
     * the answer is {@link FindOutcome.Failed} or {@link FindOutcome.Ambiguous}, never a guess.
     */
    @Override
    public FindOutcome findRecent(String text, Instant since, Set<String> excludedPostIds) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(since, "since");
        if (text.isBlank()) {
            return new FindOutcome.Failed("nothing to look for: the text is empty");
        }
        try {
            long me = authenticatedUserId();
            RecentMatches matches = new RecentMatches(since, excludedPostIds);
            PaginationToken next = null;
            for (int page = 0; page < MAX_LOOKUP_PAGES; page++) {
                TweetsResponse response = v2.getUserTweets(me, null, "retweets", null, LOOKUP_PAGE_SIZE, null, next,
                        null, null, null, Date.from(since), "created_at", null, null);
                for (Tweet tweet : response.getTweets()) {
                    if (PostText.matches(tweet.getText(), text)) {
                        matches.add(Long.toString(tweet.getId()),
                                Optional.ofNullable(tweet.getCreatedAt()).map(Date::toInstant));
                    }
                }
                next = response.getMeta() == null ? null : response.getMeta().getNextToken();
                if (next == null || next.getValue() == null || next.getValue().isBlank()) {
                    return matches.outcome();
                }
            }
            return matches.incomplete("more than " + MAX_LOOKUP_PAGES * LOOKUP_PAGE_SIZE + " posts since " + since
                    + ": too many to be sure which of them is the delivery's");
        } catch (TwitterException e) {
            return new FindOutcome.Failed(failures.classify(e).reason());
        } catch (RuntimeException e) {
            log.warn("Unexpected failure while looking up recent X posts", e);
            return new FindOutcome.Failed("unexpected failure: " + XTransport.describe(e));
        }
    }

    /** The account's numeric id, from {@code GET /2/users/me} the first time it is needed. */
    private long authenticatedUserId() throws TwitterException {
        Long known = userId;
        if (known != null) {
            return known;
        }
        UsersResponse response = v2.getMe("pinned_tweet_id", null, null);
        if (response.getUsers().isEmpty()) {
            throw new TwitterException("X answered /2/users/me without a user");
        }
        long id = response.getUsers().get(0).getId();
        userId = id;
        return id;
    }

    private PublishOutcome post(Publication publication, BooleanSupplier mayContinue) {
        if (publication.media().size() > MAX_IMAGES) {
            return new PublishOutcome.Permanent("an X post carries at most " + MAX_IMAGES + " images, not "
                    + publication.media().size());
        }
        String text = PlatformText.sent(Platform.X, publication.text(), publication.links(), false);
        if (text.isBlank()) {
            return new PublishOutcome.Permanent("nothing to post: the text and links are empty");
        }
        Long inReplyTo = null;
        Long quoted = null;
        if (publication.replyTo() != null) {
            OptionalLong id = XPostUrls.statusId(publication.replyTo());
            if (id.isEmpty()) {
                return new PublishOutcome.Permanent("cannot answer '" + publication.replyTo()
                        + "': it is not the address of an X post");
            }
            inReplyTo = id.getAsLong();
        }
        if (publication.quoteOf() != null) {
            OptionalLong id = XPostUrls.statusId(publication.quoteOf());
            if (id.isEmpty()) {
                return new PublishOutcome.Permanent("cannot quote '" + publication.quoteOf()
                        + "': it is not the address of an X post");
            }
            quoted = id.getAsLong();
        }
        XMediaUploads.Uploaded uploaded = mediaUploads.upload(publication.media(), mayContinue);
        if (uploaded.refusal() != null) {
            return uploaded.refusal();
        }
        Long[] mediaIds = uploaded.mediaIds().toArray(Long[]::new);
        if (mediaIds.length > 0 && !mayContinue.getAsBoolean()) {
            return PublishOutcome.stoppedByPause("after uploading " + mediaIds.length + " image(s), before the post");
        }
        ReplySettings replySettings = publication.noReplies() ? ReplySettings.MentionedUsers : null;
        try {
            CreateTweetResponse response = v2.createTweet(null, null, null, mediaIds.length == 0 ? null : mediaIds, null,
                    null, null, quoted, null,
                    inReplyTo, replySettings, text);
            return new PublishOutcome.Published(Long.toString(response.getId()));
        } catch (TwitterException e) {
            XFailures.Failure failure = failures.classifyCreating(e, publication.attempt());
            return switch (failure.kind()) {
                case TRANSIENT -> new PublishOutcome.Transient(failure.reason(), failure.retryAfter(), failure.trouble());
                case PERMANENT -> new PublishOutcome.Permanent(failure.reason(), failure.trouble());
                case UNKNOWN -> new PublishOutcome.Unknown(failure.reason());
            };
        } catch (RuntimeException e) {
            log.warn("Unexpected failure during X post {}", publication.deliveryKey(), e);
            return new PublishOutcome.Unknown("unexpected failure: " + XTransport.describe(e));
        }
    }

    private static Optional<String> website(User2 user) {
        List<UrlEntity2> entities = user.getUrlEntities();
        if (entities != null && !entities.isEmpty()) {
            String expanded = entities.get(0).getExpandedUrl();
            if (expanded != null && !expanded.isBlank()) {
                return Optional.of(expanded.strip());
            }
        }
        String url = user.getUrl();
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
