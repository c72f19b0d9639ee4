package org.kohogateway.connectors.graph;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLHandshakeException;

import com.restfb.BinaryAttachment;
import com.restfb.DebugHeaderInfo;
import com.restfb.WebRequestor;
import org.jspecify.annotations.Nullable;

/**
 * RestFB's HTTP layer, replaced so that the connectors can tell what happened to a request.
 *
 * <p>RestFB's own {@code DefaultWebRequestor} sits on {@link java.net.HttpURLConnection}, which has three
 * properties a publishing gateway cannot live with: it reports a connect failure and a lost answer alike as
 * an {@link IOException} wrapped in the same {@code FacebookNetworkException}; it hides the status, body and
 * headers of error answers behind RestFB's exception mapping, which classifies by type rather than code;
 * and, with the JDK's default {@code sun.net.http.retryPost=true}, it silently sends a POST a second time
 * when the connection breaks before the answer arrives, which can publish a post twice. This transport
 * uses {@link HttpClient}, which never repeats a POST, and:
 * <ul>
 *   <li>throws {@link NotSent} when the connection could not be made (the platform never saw the request)
 *       and {@link NoAnswer} when the request may have left but no answer came back;</li>
 *   <li>remembers the last answer it received on the calling thread ({@link #takeLast()}), status, headers
 *       and body, whatever RestFB later makes of it.</li>
 * </ul>
 * It writes nothing to any log: Graph requests carry the access token as a parameter, and a GET carries it
 * in the URL.
 */
final class GraphTransport implements WebRequestor {

    /** One HTTP answer as it came over the wire. */
    record Exchange(int status, HttpHeaders headers, String body) {
    }

    private final HttpClient http;
    private final Duration readTimeout;
    private final ThreadLocal<Exchange> last = new ThreadLocal<>();

    GraphTransport(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // Plain-text HTTP only ever reaches a simulator: speak HTTP/1.1 there rather than try an h2c upgrade.
                .version("http".equalsIgnoreCase(baseUrl.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** Forgets any answer remembered on this thread, before a new call. */
    void forget() {
        last.remove();
    }

    /** The last answer received on this thread since {@link #forget()}, and forgets it. */
    Optional<Exchange> takeLast() {
        Exchange exchange = last.get();
        last.remove();
        return Optional.ofNullable(exchange);
    }

    @Override
    public Response executeGet(Request request) throws IOException {
        return send(request, "GET", request.getFullUrl(), null, null);
    }

    @Override
    public Response executeDelete(Request request) throws IOException {
        return send(request, "DELETE", request.getFullUrl(), null, null);
    }

    @Override
    public Response executePost(Request request) throws IOException {
        if (!request.getBinaryAttachments().isEmpty()) {
            return sendMultipart(request);
        }
        if (request.hasBody()) {
            return send(request, "POST", request.getUrl() + "?" + request.getParameters(), "application/json",
                    request.getBody().getData());
        }
        String parameters = request.getParameters() == null ? "" : request.getParameters();
        return send(request, "POST", request.getUrl(), "application/x-www-form-urlencoded", parameters);
    }

    /** RestFB only asks for this to decorate its own exceptions, which the connectors do not use. */
    @Override
    public @Nullable DebugHeaderInfo getDebugHeaderInfo() {
        return null;
    }

    /**
     * A photo upload: the parameters and the files as {@code multipart/form-data} parts, the files streamed from
     * their {@link BinaryAttachment#getData()} rather than held (RestFB keeps the stream it was given). The access
     * token is a form part, as in every other POST, never part of the address.
     */
    private Response sendMultipart(Request request) throws IOException {
        String boundary = "koho-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        String parameters = request.getParameters() == null ? "" : request.getParameters();
        for (String pair : parameters.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + name + "\"\r\n\r\n" + value + "\r\n", StandardCharsets.UTF_8));
        }
        for (BinaryAttachment attachment : request.getBinaryAttachments()) {
            String contentType = attachment.getContentType() == null ? "application/octet-stream" : attachment.getContentType();
            parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + attachment.getFieldName() + "\"; filename=\"" + attachment.getFilename() + "\"\r\nContent-Type: "
                    + contentType + "\r\n\r\n", StandardCharsets.UTF_8));
            parts.add(HttpRequest.BodyPublishers.ofInputStream(attachment::getData));
            parts.add(HttpRequest.BodyPublishers.ofString("\r\n", StandardCharsets.UTF_8));
        }
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return sendBody(request, "POST", request.getUrl(), "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)));
    }

    private Response send(Request request, String method, String url, @Nullable String contentType,
            @Nullable String body) throws IOException {
        return sendBody(request, method, url, contentType == null ? null : contentType + "; charset=UTF-8",
                body == null ? null : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private Response sendBody(Request request, String method, String url, @Nullable String contentType,
            HttpRequest.@Nullable BodyPublisher body) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(readTimeout)
                .header("Accept", "application/json");
        if (request.hasHeaderAccessToken()) {
            builder.header("Authorization", "OAuth " + request.getHeaderAccessToken());
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, body);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new NotSent("connect timed out after "
                    + http.connectTimeout().map(Duration::toString).orElse("the connect timeout"), e);
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("no answer within the read timeout of " + readTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the answer");
            interrupted.initCause(e);
            throw new NoAnswer(interrupted.getMessage(), interrupted);
        } catch (IOException e) {
            if (neverLeft(e)) {
                throw new NotSent("could not connect: " + describe(e), e);
            }
            throw new NoAnswer("the connection failed after the request was sent: " + describe(e), e);
        }
        last.set(new Exchange(response.statusCode(), response.headers(), response.body() == null ? "" : response.body()));
        return new Response(response.statusCode(), response.body());
    }

    /** Whether the failure happened before any byte of the request could reach the platform. */
    static boolean neverLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSent || cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedAddressException || cause instanceof SSLHandshakeException) {
                return true;
            }
            if (cause instanceof NoAnswer) {
                return false;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** The request never reached the platform: no connection could be made. */
    static final class NotSent extends IOException {
        NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The request may have reached the platform, but no answer came back. */
    static final class NoAnswer extends IOException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
