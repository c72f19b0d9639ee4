package org.kohogateway.gateway.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A LINE broadcast endpoint on the loopback interface for benchmarks: answers {@code 200 {}} with a request id, after
 * a configurable delay, and logs every request (bearer token, retry key, arrival) so the harness can tell when each
 * request reached the platform. Lighter than WireMock, whose request journal would weigh on the heap being measured.
 */
final class LineStub implements AutoCloseable {

    private static final byte[] OK = "{}".getBytes(StandardCharsets.UTF_8);

    /** One request as it arrived: {@code nanos} from {@link System#nanoTime()}, {@code at} from the system clock. */
    record Arrival(String token, String retryKey, long nanos, Instant at) {
    }

    private final HttpServer server;
    private final ScheduledExecutorService delays = Executors.newScheduledThreadPool(2);
    private final ConcurrentLinkedQueue<Arrival> log = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    /** Summed over requests, from arrival to answer: divided by a round's time, the requests it held on average. */
    private final AtomicLong heldNanos = new AtomicLong();
    private final Clock clock = Clock.systemUTC();
    private volatile int latencyMillis;

    LineStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v2/bot/message/broadcast", this::broadcast);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    void latency(int millis) {
        latencyMillis = millis;
    }

    int latency() {
        return latencyMillis;
    }

    /** Forgets what was logged so far. */
    void reset() {
        log.clear();
        count.set(0);
        heldNanos.set(0);
    }

    int requests() {
        return count.get();
    }

    /** Time requests spent at the stub since the last reset, summed. */
    long heldNanos() {
        return heldNanos.get();
    }

    List<Arrival> arrivals() {
        return List.copyOf(log);
    }

    private void broadcast(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        long arrived = System.nanoTime();
        log.add(new Arrival(authorization == null ? "" : authorization.substring("Bearer ".length()),
                exchange.getRequestHeaders().getFirst("X-Line-Retry-Key"), arrived, clock.instant()));
        count.incrementAndGet();
        int latency = latencyMillis;
        if (latency == 0) {
            answer(exchange, arrived);
        } else {
            delays.schedule(() -> answer(exchange, arrived), latency, TimeUnit.MILLISECONDS);
        }
    }

    private void answer(HttpExchange exchange, long arrived) {
        heldNanos.addAndGet(System.nanoTime() - arrived);
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-line-request-id", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(200, OK.length);
            exchange.getResponseBody().write(OK);
        } catch (IOException e) {
            // the client gave up (timeout); it classifies that itself
        }
    }

    @Override
    public void close() {
        server.stop(0);
        delays.shutdownNow();
    }
}
