package org.kohogateway.gateway.dispatch;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.bluesky.BlueskyConnector;
import org.kohogateway.connectors.bluesky.BlueskySettings;
import org.kohogateway.connectors.facebook.FacebookConnector;
import org.kohogateway.connectors.facebook.FacebookSettings;
import org.kohogateway.connectors.instagram.InstagramConnector;
import org.kohogateway.connectors.instagram.InstagramSettings;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.connectors.line.LineSettings;
import org.kohogateway.connectors.threads.ThreadsConnector;
import org.kohogateway.connectors.threads.ThreadsSettings;
import org.kohogateway.connectors.x.XConnector;
import org.kohogateway.connectors.x.XSettings;
import org.kohogateway.connectors.youtube.YouTubeConnector;
import org.kohogateway.connectors.youtube.YouTubeSettings;
import org.kohogateway.gateway.account.CredentialsReplaced;
import org.kohogateway.gateway.account.CurrentCredentials;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * One connector per account, built from its sealed credentials on first use and rebuilt when they change.
 *
 * <p>Each connector remembers the version of the credentials it was built from. Every use names the version the
 * caller read from the database (the dispatcher's claim returns it), and a newer one rebuilds the connector: so
 * credentials replaced through any instance are what every instance sends with next, which an event, heard by the
 * replacing instance only, could not ensure. The event still drops the local connector at once.
 *
 * <p>Base URLs and timeouts come from {@link PlatformProperties}; the credential fields each platform needs are
 * named in {@link PlatformCredentials}. An account whose credentials lack a field (or hold a blank one) gets no
 * connector: {@link ConnectorUnavailableException} names the missing field, never a value, and the dispatcher
 * fails the delivery permanently with that message.
 */
@Component
class ConnectorRegistry {

    /** What {@code GraphSettingsChecks.requireNodeId} accepts; checked here so that a refusal never echoes the id. */
    private static final Pattern GRAPH_NODE_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private final OfficialAccounts accounts;
    private final PlatformProperties platforms;
    private final Clock clock;
    private final DispatchProperties dispatch;
    private final Map<Long, Built> connectors = new ConcurrentHashMap<>();

    ConnectorRegistry(OfficialAccounts accounts, PlatformProperties platforms, Clock clock, DispatchProperties dispatch) {
        this.dispatch = dispatch;
        this.accounts = accounts;
        this.platforms = platforms;
        this.clock = clock;
    }

    /** The account's connector for its credentials as stored now (one small query for their version). */
    PlatformConnector forAccount(long accountId, Platform platform) {
        return forAccount(accountId, platform, accounts.credentialsVersion(accountId));
    }

    /**
     * The account's connector, rebuilt if it was built from credentials older than {@code credentialsVersion}.
     *
     * @param credentialsVersion the version of the account's credentials the caller read from the database
     */
    PlatformConnector forAccount(long accountId, Platform platform, long credentialsVersion) {
        Built cached = connectors.get(accountId);
        if (cached != null && cached.credentialsVersion() >= credentialsVersion) {
            return cached.connector();
        }
        return connectors.compute(accountId, (id, current) -> current != null
                && current.credentialsVersion() >= credentialsVersion ? current : create(id, platform)).connector();
    }

    // after commit: evicted before it, a use in between would rebuild from the old credentials, not yet replaced; a use
    // between the commit and this eviction already rebuilds, because forAccount compares the credentials' version
    @ApplicationModuleListener
    void on(CredentialsReplaced event) {
        connectors.remove(event.accountId());
    }

    private Built create(long accountId, Platform platform) {
        CurrentCredentials current = accounts.currentCredentials(accountId);
        return new Built(current.version(), connector(accountId, platform, current.credentials()));
    }

    /** A connector and the version of the credentials it holds. */
    private record Built(long credentialsVersion, PlatformConnector connector) {
    }

    private PlatformConnector connector(long accountId, Platform platform, PlatformCredentials stored) {
        Credentials credentials = new Credentials(accountId, platform, stored);
        try {
            return switch (platform) {
                case LINE -> {
                    var line = platforms.line();
                    yield new LineConnector(new LineSettings(line.apiEndpoint(),
                            credentials.require(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN), line.connectTimeout(),
                            // every request that passed the pause gate leaves at once, none waits inside the client
                            line.readTimeout(), dispatch.concurrency()));
                }
                case X -> {
                    var x = platforms.x();
                    yield new XConnector(new XSettings(x.restBaseUrl(), x.v2BaseUrl(),
                            credentials.require(PlatformCredentials.X_CONSUMER_KEY),
                            credentials.require(PlatformCredentials.X_CONSUMER_SECRET),
                            credentials.require(PlatformCredentials.X_ACCESS_TOKEN),
                            credentials.require(PlatformCredentials.X_ACCESS_TOKEN_SECRET),
                            x.connectTimeout(), x.readTimeout()), clock);
                }
                case FACEBOOK -> {
                    var facebook = platforms.facebook();
                    yield new FacebookConnector(new FacebookSettings(facebook.graphBaseUrl(),
                            credentials.requireNodeId(PlatformCredentials.FACEBOOK_PAGE_ID),
                            credentials.require(PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN),
                            facebook.connectTimeout(), facebook.readTimeout()));
                }
                case BLUESKY -> {
                    var bluesky = platforms.bluesky();
                    yield new BlueskyConnector(new BlueskySettings(bluesky.serviceUrl(),
                            credentials.require(PlatformCredentials.BLUESKY_HANDLE),
                            credentials.require(PlatformCredentials.BLUESKY_APP_PASSWORD),
                            bluesky.connectTimeout(), bluesky.readTimeout()), clock);
                }
                case THREADS -> {
                    var threads = platforms.threads();
                    yield new ThreadsConnector(new ThreadsSettings(threads.baseUrl(),
                            credentials.requireNodeId(PlatformCredentials.THREADS_USER_ID),
                            credentials.require(PlatformCredentials.THREADS_ACCESS_TOKEN),
                            threads.connectTimeout(), threads.readTimeout(), threads.pollInterval(),
                            threads.maxStatusChecks()));
                }
                case YOUTUBE -> {
                    var youtube = platforms.youtube();
                    // category and playlist are the account's choices, kept with its credentials (not secret)
                    yield new YouTubeConnector(new YouTubeSettings(youtube.rootUrl(), youtube.tokenUrl(),
                            credentials.require(PlatformCredentials.YOUTUBE_CLIENT_ID),
                            credentials.require(PlatformCredentials.YOUTUBE_CLIENT_SECRET),
                            credentials.require(PlatformCredentials.YOUTUBE_REFRESH_TOKEN),
                            credentials.optional(PlatformCredentials.YOUTUBE_CATEGORY_ID)
                                    .orElse(YouTubeSettings.DEFAULT_CATEGORY),
                            credentials.optional(PlatformCredentials.YOUTUBE_PLAYLIST_ID), youtube.chunkSize(),
                            youtube.resumeAttempts(), youtube.resumeWait(), youtube.connectTimeout(),
                            youtube.readTimeout()), platform, clock);
                }
                case INSTAGRAM -> {
                    var instagram = platforms.instagram();
                    yield new InstagramConnector(new InstagramSettings(instagram.graphBaseUrl(),
                            credentials.requireNodeId(PlatformCredentials.INSTAGRAM_IG_USER_ID),
                            credentials.require(PlatformCredentials.INSTAGRAM_ACCESS_TOKEN),
                            instagram.connectTimeout(), instagram.readTimeout(), instagram.pollInterval(),
                            instagram.maxStatusChecks()));
                }
            };
        } catch (IllegalArgumentException e) {
            // Credentials were checked above, so this is the configuration (a base URL or timeout): its message
            // carries property values, never a credential.
            throw new ConnectorUnavailableException("account " + accountId + " (" + platform
                    + "): the connector cannot be configured: " + e.getMessage());
        }
    }

    /** The account's credentials, read field by field with refusals that name the field and never its value. */
    private record Credentials(long accountId, Platform platform, PlatformCredentials values) {

        String require(String field) {
            String value = values.get(field).orElse(null);
            if (value == null || value.isBlank()) {
                throw new ConnectorUnavailableException("account " + accountId + " (" + platform
                        + ") has no credential '" + field + "'; an admin must set it");
            }
            return value;
        }

        /** A field the account may leave out: empty when absent or blank. */
        Optional<String> optional(String field) {
            return values.get(field).filter(v -> !v.isBlank()).map(String::strip);
        }

        String requireNodeId(String field) {
            String value = require(field);
            if (!GRAPH_NODE_ID.matcher(value).matches()) {
                throw new ConnectorUnavailableException("account " + accountId + " (" + platform
                        + "): credential '" + field + "' is not a Graph node id (digits such as 1234567890)");
            }
            return value;
        }
    }

    /** The account cannot be sent to at all: a permanent failure, not worth a retry. */
    static final class ConnectorUnavailableException extends RuntimeException {
        ConnectorUnavailableException(String message) {
            super(message);
        }
    }
}
