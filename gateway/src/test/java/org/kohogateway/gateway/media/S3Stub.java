package org.kohogateway.gateway.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An S3-compatible endpoint on the loopback interface for tests, path-style, one bucket, written from the S3 API
 * reference: PutObject (a plain body or {@code aws-chunked} with its trailer, the {@code x-amz-checksum-sha256}
 * checked as S3 does, {@code BadDigest} when it does not match), GetObject and HeadObject ({@code NoSuchKey}, 404),
 * DeleteObject (204). Objects are kept in memory; each request is logged as "METHOD key". It checks that requests are
 * signed (AWS Signature Version 4, the access key named) but not the signature itself.
 */
final class S3Stub implements AutoCloseable {

    static final String ACCESS_KEY = "koho-test-access";
    static final String SECRET_KEY = "koho-test-secret-key-0123456789";

    private final String bucket;
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    S3Stub(String bucket) throws IOException {
        this.bucket = bucket;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** "PUT media/abc…", "GET media/abc…", in the order they came. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    byte[] object(String key) {
        return objects.get(key);
    }

    /** Replaces an object's bytes behind the gateway's back, as someone with access to the bucket could. */
    void replace(String key, byte[] bytes) {
        objects.put(key, bytes.clone());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")) {
                error(exchange, 403, "InvalidAccessKeyId", "the request is not signed with the test's key");
                return;
            }
            if (!path.startsWith("/" + bucket + "/")) {
                error(exchange, 404, "NoSuchBucket", "the bucket does not exist");
                return;
            }
            String key = java.net.URLDecoder.decode(path.substring(bucket.length() + 2), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            requests.add(method + " " + key);
            switch (method) {
                case "PUT" -> put(exchange, key);
                case "GET", "HEAD" -> get(exchange, key, method.equals("HEAD"));
                case "DELETE" -> {
                    objects.remove(key);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, 405, "MethodNotAllowed", method);
            }
        }
    }

    private void put(HttpExchange exchange, String key) throws IOException {
        var headers = exchange.getRequestHeaders();
        String contentSha = headers.getFirst("x-amz-content-sha256");
        String encoding = headers.getFirst("Content-Encoding");
        boolean chunked = (contentSha != null && contentSha.startsWith("STREAMING-"))
                || (encoding != null && encoding.contains("aws-chunked"));
        Map<String, String> trailers = new ConcurrentHashMap<>();
        byte[] body = chunked ? dechunk(exchange.getRequestBody(), trailers) : exchange.getRequestBody().readAllBytes();
        String claimed = headers.getFirst("x-amz-checksum-sha256");
        if (claimed == null) {
            claimed = trailers.get("x-amz-checksum-sha256");
        }
        if (claimed != null && !claimed.equals(Base64.getEncoder().encodeToString(digest("SHA-256", body)))) {
            error(exchange, 400, "BadDigest", "the SHA-256 you specified did not match the calculated checksum");
            return;
        }
        objects.put(key, body);
        exchange.getResponseHeaders().add("ETag", etag(body));
        if (claimed != null) {
            exchange.getResponseHeaders().add("x-amz-checksum-sha256", claimed);
        }
        exchange.sendResponseHeaders(200, -1);
    }

    private void get(HttpExchange exchange, String key, boolean head) throws IOException {
        byte[] object = objects.get(key);
        if (object == null) {
            if (head) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
            }
            return;
        }
        exchange.getResponseHeaders().add("ETag", etag(object));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        if (head) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(object.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, object.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(object);
        }
    }

    /**
     * {@code aws-chunked}: {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n} until a chunk of size 0, then trailer
     * lines {@code name:value\r\n} and an empty line.
     */
    private static byte[] dechunk(InputStream in, Map<String, String> trailers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String header = line(in);
            int size = Integer.parseInt(header.split(";", 2)[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(in.readNBytes(size));
            line(in);
        }
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            trailers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>koho-test</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(xml);
        }
    }

    private static String etag(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(digest("MD5", bytes)) + "\"";
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
