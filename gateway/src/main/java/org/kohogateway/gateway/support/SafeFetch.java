package org.kohogateway.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one client for URLs a person or a feed supplied (webhooks, the press-release feed, the source page of a PR
 * direct publish), so none of them can make the gateway reach into the city's own network (SSRF). A URL must be
 * https (http only to loopback where {@code gateway.outbound.allow-loopback} allows it) without user info; its host is
 * resolved once and refused if any address is loopback, private, link-local, unique-local, CGNAT, "this network",
 * multicast or reserved, IPv4-mapped forms included; the connection then goes to exactly those checked addresses, so
 * a second DNS answer cannot rebind it. Redirects to another host are never followed (the 3xx is the answer); a
 * same-host one up to {@code max-redirects} times, each checked again. The body is read up to a bound and the whole
 * exchange is bounded in time. No proxy, cookies, retries or decompression.
 *
 * <p>Around the usual class size on purpose: address checks, pinned connection and redirect handling are one
 * defence, reviewed as one.
 */
@Component
public class SafeFetch {

    /** Name resolution; a seam so tests can say what a name resolves to. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What to send; {@code maxBody} 0 and a null {@code timeout} take the configured bounds. */
    public record Request(String method, URI url, Map<String, String> headers, byte @Nullable [] body,
            @Nullable String contentType, boolean followRedirects, int maxBody, @Nullable Duration timeout) {

        public static Request get(URI url, Map<String, String> headers) {
            return new Request("GET", url, headers, null, null, true, 0, null);
        }

        /** A POST is never redirected: a receiver moving it elsewhere would get a signed body it was not meant for. */
        public static Request post(URI url, Map<String, String> headers, byte[] body, String contentType,
                int maxBody, Duration timeout) {
            return new Request("POST", url, headers, body, contentType, false, maxBody, timeout);
        }
    }

    /**
     * @param headers   first value of each header, names in lower case
     * @param truncated the body was longer than the bound and is cut off there
     * @param url       where the answer came from (after same-host redirects)
     */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean truncated, URI url) {

        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final OutboundProperties properties;
    private final Resolver resolver;

    @Autowired
    public SafeFetch(OutboundProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public SafeFetch(OutboundProperties properties, Resolver resolver) {
        this.properties = properties;
        this.resolver = resolver;
    }

    /**
     * Checks and fetches.
     *
     * @throws InvalidRequestException {@code outbound.unsafeUrl}: the URL, or an address its host resolves to, is
     *                                 refused; nothing was sent
     * @throws IOException             unreachable, timed out, or the exchange failed
     */
    public Answer fetch(Request request) throws IOException {
        URI url = request.url();
        Duration limit = request.timeout() == null ? properties.timeout() : request.timeout();
        long deadline = System.nanoTime() + limit.toNanos();
        for (int redirects = 0; ; redirects++) {
            InetAddress[] pinned = check(url);
            Answer answer = exchange(request, url, pinned, deadline);
            String location = answer.header("Location");
            if (!request.followRedirects() || answer.status() < 300 || answer.status() > 399 || location == null
                    || redirects >= properties.maxRedirects()) {
                return answer;
            }
            URI next;
            try {
                next = url.resolve(new URI(location.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return answer;
            }
            if (next.getHost() == null || !next.getHost().equalsIgnoreCase(url.getHost())) {
                return answer;
            }
            url = next;
        }
    }

    /**
     * Whether a URL may be shown as a link: the same rules as a fetch, without resolving names (a page must not wait
     * on DNS). A name that resolves to a private address passes here but is refused on fetch.
     */
    public boolean linkable(String url) {
        try {
            URI uri = new URI(url);
            checkWithoutLookup(uri);
            InetAddress literal = literal(uri.getHost());
            boolean local = literal == null ? host(uri).equals("localhost") : loopback(literal);
            return local ? properties.allowLoopback() : "https".equalsIgnoreCase(uri.getScheme());
        } catch (URISyntaxException | InvalidRequestException e) {
            return false;
        }
    }

    /**
     * Whether plain http may be used for this URL: only where loopback is allowed and its host resolves to loopback
     * alone (tests and the demo, whose servers are on this machine).
     */
    public boolean plainHttpAllowed(URI url) {
        if (!properties.allowLoopback()) {
            return false;
        }
        try {
            return Arrays.stream(check(url)).allMatch(SafeFetch::loopback);
        } catch (InvalidRequestException e) {
            return false;
        }
    }

    /**
     * The checks that need no lookup, for a URL stored now and fetched later (a webhook being registered): the
     * fetch checks again, resolving the name.
     *
     * @throws InvalidRequestException {@code outbound.unsafeUrl}
     */
    public void checkWithoutLookup(URI url) {
        requireWebAddress(url);
        InetAddress literal = literal(url.getHost());
        if (literal != null && refused(literal)) {
            throw refusal(url, "it points into a private or reserved network (" + literal.getHostAddress() + ")");
        }
    }

    /** The URL's rules and its host's addresses, resolved once: the addresses the connection may go to. */
    InetAddress[] check(URI url) {
        requireWebAddress(url);
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        if (!https && !properties.allowLoopback()) {
            throw refusal(url, "only https is fetched");
        }
        InetAddress literal = literal(url.getHost());
        InetAddress[] addresses;
        if (literal != null) {
            addresses = new InetAddress[] { literal };
        } else {
            try {
                addresses = resolver.resolve(host(url));
            } catch (UnknownHostException e) {
                throw refusal(url, "its host does not resolve");
            }
        }
        if (addresses == null || addresses.length == 0) {
            throw refusal(url, "its host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (refused(address)) {
                throw refusal(url, "it points into a private or reserved network (" + address.getHostAddress() + ")");
            }
        }
        boolean allLoopback = Arrays.stream(addresses).allMatch(SafeFetch::loopback);
        if (!https && !allLoopback) {
            throw refusal(url, "only https is fetched");
        }
        return addresses.clone();
    }

    private void requireWebAddress(@Nullable URI url) {
        if (url == null || !url.isAbsolute() || url.getHost() == null || url.getRawUserInfo() != null
                || !List.of("https", "http").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw refusal(url, "not an absolute web address without user info");
        }
    }

    /** Refused: anything but a public unicast address; loopback only where allowed. */
    boolean refused(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress()) {
            return !properties.allowLoopback();
        }
        if (a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network" 0.0.0.0/8
                    || first == 100 && (second & 0xc0) == 64 // CGNAT 100.64.0.0/10
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments 192.0.0.0/24
                    || first == 198 && (second & 0xfe) == 18 // benchmarking 198.18.0.0/15
                    || first >= 240; // reserved and broadcast
        }
        return (b[0] & 0xfe) == 0xfc // unique local fc00::/7
                || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0; // deprecated site local fec0::/10
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean loopback(InetAddress address) {
        return embeddedIpv4(address).isLoopbackAddress();
    }

    /** The address of an IP-literal host, parsed without any lookup; null for a name. */
    private static @Nullable InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv6 = h.contains(":");
        boolean ipv4 = !h.isEmpty() && h.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        if (!ipv6 && !ipv4) {
            return null;
        }
        try {
            return InetAddress.getByName(h); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new InvalidRequestException("outbound.unsafeUrl", "not an IP address: " + host, host);
        }
    }

    private static String host(URI url) {
        return url.getHost().toLowerCase(Locale.ROOT);
    }

    private Answer exchange(Request request, URI url, InetAddress[] pinned, long deadline) throws IOException {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw new InterruptedIOException("no answer in time");
        }
        Timeout timeout = Timeout.of(left);
        String pinnedHost = url.getHost();
        DnsResolver pinnedResolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (!host.equalsIgnoreCase(pinnedHost) && !("[" + host + "]").equalsIgnoreCase(pinnedHost)) {
                    throw new UnknownHostException("only the checked host is reachable: " + host);
                }
                return pinned.clone();
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method()).setUri(url);
        request.headers().forEach(builder::addHeader);
        if (request.body() != null) {
            builder.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        int maxBody = request.maxBody() > 0 ? request.maxBody() : (int) properties.maxBody().toBytes();
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(pinnedResolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableContentCompression().disableAuthCaching().build()) {
            return client.execute(builder.build(), response -> {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                byte[] body = new byte[0];
                boolean truncated = false;
                if (response.getEntity() != null) {
                    try (InputStream in = response.getEntity().getContent()) {
                        byte[] read = readBounded(in, maxBody + 1, deadline);
                        truncated = read.length > maxBody;
                        body = truncated ? Arrays.copyOf(read, maxBody) : read;
                    }
                }
                return new Answer(response.getCode(), headers, body, truncated, url);
            });
        }
    }

    /** Reads at most {@code limit} bytes, giving up at the deadline however slowly the bytes trickle in. */
    private byte[] readBounded(InputStream in, int limit, long deadline) throws IOException {
        byte[] buffer = new byte[Math.min(limit, 64 * 1024)];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
            if (System.nanoTime() > deadline) {
                throw new InterruptedIOException("no complete answer in time");
            }
        }
        return out.toByteArray();
    }

    private static InvalidRequestException refusal(@Nullable URI url, String why) {
        String shown = url == null ? "" : String.valueOf(url.getHost());
        return new InvalidRequestException("outbound.unsafeUrl", "refused to fetch " + shown + ": " + why, shown);
    }
}
