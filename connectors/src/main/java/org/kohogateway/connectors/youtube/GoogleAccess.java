package org.kohogateway.connectors.youtube;

import java.io.IOException;
import java.time.Clock;

import org.jspecify.annotations.Nullable;

import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.HttpBackOffIOExceptionHandler;
import com.google.api.client.http.HttpBackOffUnsuccessfulResponseHandler;
import com.google.api.client.http.HttpIOExceptionHandler;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.BackOff;
import com.google.api.client.util.ExponentialBackOff;
import com.google.api.services.youtube.YouTube;

/**
 * The channel's access to the Data API through Google's client: an access token from the refresh token, kept and
 * reused until a minute before it expires (google-oauth-client's {@link Credential}), and the {@link YouTube} service
 * whose requests carry it.
 *
 * <p>Every request has the settings' timeouts. PUT requests (the chunks of an upload and {@code videos.update}, both
 * safe to repeat) are retried after a dropped connection or a server error, waiting {@code resumeWait} and then twice as
 * long each time: for a chunk, Google's {@code MediaHttpUploader} turns that retry into a question to the upload's
 * address about how much it has, and goes on from there. POST requests are never repeated, since some create things
 * ({@code playlistItems.insert}).
 */
final class GoogleAccess {

    private final YouTubeSettings settings;
    private final Credential credential;
    private final YouTube youtube;

    GoogleAccess(YouTubeSettings settings, Clock clock) {
        this.settings = settings;
        NetHttpTransport transport = new NetHttpTransport();
        GsonFactory json = GsonFactory.getDefaultInstance();
        this.credential = new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
                .setTransport(transport)
                .setJsonFactory(json)
                .setTokenServerEncodedUrl(settings.tokenUrl().toString())
                .setClientAuthentication(new ClientParametersAuthentication(settings.clientId(), settings.clientSecret()))
                .setRequestInitializer(this::withTimeouts)
                .setClock(clock::millis)
                .build()
                .setRefreshToken(settings.refreshToken());
        this.youtube = new YouTube.Builder(transport, json, initializer())
                .setRootUrl(settings.rootUrl().toString())
                .setApplicationName("Koho Gateway")
                .build();
    }

    YouTube youtube() {
        return youtube;
    }

    /**
     * Makes sure there is an access token that lives at least another minute, asking the token endpoint only when not:
     * so a failure to get one is told apart from the API's answers, before anything is sent to the API.
     */
    void ensureToken() throws TokenFailure {
        Long expiresIn = credential.getExpiresInSeconds();
        if (credential.getAccessToken() != null && expiresIn != null && expiresIn > 60) {
            return;
        }
        try {
            if (!credential.refreshToken()) {
                throw new TokenFailure("Google's token endpoint answered without an access token", null, false);
            }
        } catch (TokenResponseException e) {
            String refusal = e.getDetails() == null ? "HTTP " + e.getStatusCode()
                    : "HTTP " + e.getStatusCode() + " " + e.getDetails().getError()
                            + (e.getDetails().getErrorDescription() == null ? ""
                                    : ": " + e.getDetails().getErrorDescription());
            throw new TokenFailure("Google refused the channel's credentials (client id, secret or refresh token): "
                    + refusal, null, e.getStatusCode() != 429);
        } catch (IOException e) {
            throw new TokenFailure("could not get an access token from Google: "
                    + YouTubeFailures.Failure.of(e).description(), e, false);
        }
    }

    /**
     * The credential, the timeouts, and for PUT requests the resumption. The request's method is only set after an
     * initializer has run, so the handlers look at it when they are asked.
     */
    private HttpRequestInitializer initializer() {
        return request -> {
            credential.initialize(request);
            withTimeouts(request);
            request.setNumberOfRetries(settings.resumeAttempts());
            HttpIOExceptionHandler dropped = new HttpBackOffIOExceptionHandler(backOff());
            request.setIOExceptionHandler((req, supportsRetry) -> repeatable(req)
                    && dropped.handleIOException(req, supportsRetry));
            HttpUnsuccessfulResponseHandler serverErrors = new HttpBackOffUnsuccessfulResponseHandler(backOff());
            request.setUnsuccessfulResponseHandler((req, response, supportsRetry) ->
                    credential.handleResponse(req, response, supportsRetry)
                            || repeatable(req) && serverErrors.handleResponse(req, response, supportsRetry));
        };
    }

    private static boolean repeatable(HttpRequest request) {
        return "PUT".equals(request.getRequestMethod());
    }

    private void withTimeouts(HttpRequest request) {
        request.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        request.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
    }

    private BackOff backOff() {
        int first = Math.toIntExact(settings.resumeWait().toMillis());
        return new ExponentialBackOff.Builder().setInitialIntervalMillis(first).setRandomizationFactor(0)
                .setMultiplier(2).setMaxIntervalMillis(Math.max(first, 60_000)).setMaxElapsedTimeMillis(15 * 60_000)
                .build();
    }

    /**
     * No access token: nothing was sent to the API.
     *
     * @param refused Google refused the credentials themselves, which only a person can mend
     */
    static final class TokenFailure extends Exception {

        private final boolean refused;

        TokenFailure(String message, @Nullable IOException cause, boolean refused) {
            super(message, cause, false, false);
            this.refused = refused;
        }

        boolean refused() {
            return refused;
        }
    }
}
