package org.kohogateway.connectors.graph;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import com.restfb.DefaultFacebookClient;
import com.restfb.DefaultJsonMapper;
import com.restfb.FacebookClient;
import com.restfb.FacebookEndpoints;
import com.restfb.Version;

/**
 * A RestFB client bound to one Graph API node and token, whose every call returns a {@link GraphResult}
 * classified by the gateway's rules instead of throwing.
 *
 * <p>Shared by the Facebook Page, Instagram and Threads connectors (the Threads API on {@code graph.threads.net} is a
 * Graph API of its own version, {@link #THREADS_API_VERSION}, with the same error bodies); not meant for use outside
 * this module.
 *
 * <p>RestFB maps Graph errors to exception classes by error <em>type</em> ({@code OAuthException},
 * {@code GraphMethodException}, …), which says nothing about whether a retry can help: a rate limit and a
 * revoked token are both {@code OAuthException}. So the classification ({@link GraphFailures}) reads the
 * answer itself, as {@link GraphTransport} recorded it: the Graph error {@code code} first, the HTTP status
 * when the body is not a Graph error (an HTML error page from a proxy, a truncated body). Whether the call
 * creates a post decides what an ambiguous answer means, so callers choose {@link #call} or {@link #create}.
 */
public final class GraphClient {

    /**
     * The Graph API version every request names. {@code v22.0} is the newest that RestFB 2025.10.0 knows
     * (its {@code Version.LATEST}); Meta keeps each version for about two years after its release.
     */
    public static final Version API_VERSION = Version.VERSION_22_0;

    /** The Threads API version every Threads request names ({@code v1.0}, the only one Meta offers). */
    public static final Version THREADS_API_VERSION = Version.THREADS_1_0;

    private final String platformName;
    private final String accessToken;
    private final GraphTransport transport;
    private final DefaultFacebookClient client;

    /**
     * @param platformName for reasons shown to people ("Facebook", "Instagram")
     * @param graphBaseUrl the Graph API origin, {@code https://graph.facebook.com} in production
     */
    public GraphClient(String platformName, URI graphBaseUrl, String accessToken, Duration connectTimeout,
            Duration readTimeout) {
        this(platformName, graphBaseUrl, accessToken, connectTimeout, readTimeout, API_VERSION);
    }

    /**
     * @param version the API version the requests name ({@link #API_VERSION}, {@link #THREADS_API_VERSION})
     */
    public GraphClient(String platformName, URI graphBaseUrl, String accessToken, Duration connectTimeout,
            Duration readTimeout, Version version) {
        this.platformName = Objects.requireNonNull(platformName, "platformName");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.transport = new GraphTransport(graphBaseUrl, connectTimeout, readTimeout);
        this.client = new DefaultFacebookClient(accessToken, transport, new DefaultJsonMapper(),
                Objects.requireNonNull(version, "version"));
        String origin = stripTrailingSlash(graphBaseUrl.toString());
        this.client.setFacebookEndpointUrls(new FacebookEndpoints() {
            @Override
            public String getGraphEndpoint() {
                return origin;
            }

            @Override
            public String getGraphVideoEndpoint() {
                return origin;
            }
        });
        // A real HTTP DELETE, not RestFB's optional "POST ?method=delete" fallback.
        this.client.setHttpDeleteFallback(false);
    }

    /**
     * Runs one RestFB call that cannot make a post public (a read, a deletion, an Instagram container step) and
     * classifies whatever went wrong: an ambiguous answer is {@link GraphResult.Kind#TRANSIENT} here.
     */
    public <T> GraphResult<T> call(Function<FacebookClient, T> call) {
        return run(GraphFailures.Request.NO_POST, call);
    }

    /**
     * Runs one RestFB call that creates a post (Facebook {@code /feed} and {@code /photos}, Instagram
     * {@code media_publish}): an ambiguous answer is {@link GraphResult.Kind#UNKNOWN}, and so is a duplicate
     * refusal on a later attempt (see {@link GraphFailures}).
     *
     * @param attempt which attempt at the delivery this is, from 1
     */
    public <T> GraphResult<T> create(int attempt, Function<FacebookClient, T> call) {
        return run(GraphFailures.Request.creating(attempt), call);
    }

    private <T> GraphResult<T> run(GraphFailures.Request request, Function<FacebookClient, T> call) {
        transport.forget();
        try {
            T value = call.apply(client);
            transport.forget();
            return new GraphResult.Ok<>(value);
        } catch (RuntimeException failure) {
            GraphResult.Failed<T> failed = GraphFailures.classify(platformName, request, failure,
                    transport.takeLast().orElse(null));
            return new GraphResult.Failed<>(failed.kind(), redact(failed.reason()), failed.retryAfter(),
                    failed.trouble());
        }
    }

    /** Removes the access token from text that is about to be shown or logged, in case anything echoed it. */
    public String redact(String text) {
        return text == null ? "" : text.replace(accessToken, "****");
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
