package org.kohogateway.gateway.dispatch.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.kohogateway.connectors.Platform;

/**
 * What the chaos platform saw and did, as the real platforms would know it: every request (when, for which account),
 * every post it created, the faults it injected. The test judges the gateway against this ledger, never against what
 * the gateway says about itself.
 *
 * <p>Accounts are named as the platform knows them: the LINE channel token, the X OAuth access token, the Facebook
 * Page id, the Instagram user id, the Bluesky handle (its repository's DID is made from it), the Threads user id.
 */
public final class PlatformLedger {

    /** One request as it arrived. */
    public record Request(Platform platform, String account, String method, String path, Instant at, Fault fault,
            String text) {

        /** Whether it asked the platform to create something (a post, an Instagram container). */
        public boolean creating() {
            return text != null;
        }
    }

    /** A post the platform created (for Instagram: a published media, not a container). */
    public record Created(Platform platform, String account, String text, String id, Instant at) {
    }

    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Created> created = new ConcurrentLinkedQueue<>();
    private final Map<Platform, Map<Fault, AtomicInteger>> faults = new EnumMap<>(Platform.class);
    /** Creating requests seen per text, so the n-th attempt of a delivery gets its own, reproducible fault. */
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** LINE: the request id accepted for each X-Line-Retry-Key. */
    private final Map<String, String> lineRetryKeys = new ConcurrentHashMap<>();
    /** X: the user id answered by /2/users/me, per access token, and back. */
    private final Map<String, String> xUserIds = new ConcurrentHashMap<>();
    private final Map<String, String> xTokens = new ConcurrentHashMap<>();
    /** Instagram and Threads: the containers, by id. */
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    /** Bluesky: each handle's repository DID, and the handle each session token was given to. */
    private final Map<String, String> dids = new ConcurrentHashMap<>();
    private final Map<String, String> sessionTokens = new ConcurrentHashMap<>();
    /** Bluesky: the records of every repository, by at-uri. */
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);

    /** An unpublished Instagram or Threads media container. */
    public record Container(Platform platform, String account, String caption) {
    }

    public PlatformLedger() {
        for (Platform platform : Platform.values()) {
            Map<Fault, AtomicInteger> counts = new EnumMap<>(Fault.class);
            for (Fault fault : Fault.values()) {
                counts.put(fault, new AtomicInteger());
            }
            faults.put(platform, counts);
        }
    }

    void request(Platform platform, String account, String method, String path, Fault fault) {
        request(platform, account, method, path, fault, null);
    }

    /** @param text what a creating request asked to post; null for other requests */
    void request(Platform platform, String account, String method, String path, Fault fault, String text) {
        requests.add(new Request(platform, account, method, path, Instant.now(), fault, text));
        faults.get(platform).get(fault).incrementAndGet();
    }

    /** The faults injected into the creating requests for this text on this account, in order. */
    public List<String> history(Platform platform, String account, String text) {
        return requests.stream().filter(r -> r.platform() == platform && r.account().equals(account)
                && r.text() != null && r.text().endsWith(text)).map(r -> r.path() + ":" + r.fault()).toList();
    }

    /** 1 for the first creating request with this text on this account, 2 for the second, … */
    int nextAttempt(Platform platform, String account, String text) {
        return attempts.computeIfAbsent(platform + "|" + account + "|" + text, k -> new AtomicInteger()).incrementAndGet();
    }

    Created create(Platform platform, String account, String text, String id) {
        Created post = new Created(platform, account, text, id, Instant.now());
        created.add(post);
        return post;
    }

    String newId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** @return the request id first accepted with this key, or null if {@code requestId} is now the accepted one */
    String acceptLineKey(String retryKey, String requestId) {
        return lineRetryKeys.putIfAbsent(retryKey, requestId);
    }

    String xUserId(String token) {
        return xUserIds.computeIfAbsent(token, t -> {
            String id = "44" + newId();
            xTokens.put(id, t);
            return id;
        });
    }

    String xTokenOf(String userId) {
        return xTokens.get(userId);
    }

    String container(Platform platform, String account, String caption) {
        String id = "1788" + newId();
        containers.put(id, new Container(platform, account, caption));
        return id;
    }

    Container container(String id) {
        return containers.get(id);
    }

    /** Removes it, so a container is published at most once, as on Instagram. */
    Container takeContainer(String id) {
        return containers.remove(id);
    }

    /** A {@code did:plc} for the handle: 24 characters of base32, as the PLC directory makes them. */
    String did(String handle) {
        return dids.computeIfAbsent(handle, h -> {
            StringBuilder did = new StringBuilder("did:plc:");
            long n = Long.parseLong(newId()) * 2_654_435_761L;
            for (int i = 0; i < 24; i++) {
                did.append("abcdefghijklmnopqrstuvwxyz234567".charAt((int) (n >>> (i * 5 % 60) & 31)));
            }
            return did.toString();
        });
    }

    /** A new session token of this handle ({@code access} or {@code refresh}), remembered so requests name it. */
    String sessionToken(String kind, String handle) {
        String token = "chaos-" + kind + "-" + newId();
        sessionTokens.put(token, handle);
        return token;
    }

    /** The handle a session token was given to, or null. */
    String handleOf(String token) {
        return sessionTokens.get(token);
    }

    /**
     * Writes all the records or none, as a PDS applies one {@code applyWrites} to the repository in one commit.
     *
     * @param writes the at-uri of each new record and its JSON
     * @return false, writing nothing, when a record is already there under one of the uris
     */
    synchronized boolean writeAll(Map<String, String> writes) {
        if (writes.keySet().stream().anyMatch(records::containsKey)) {
            return false;
        }
        records.putAll(writes);
        return true;
    }

    /** The JSON of the record under this at-uri, or null. */
    String record(String uri) {
        return records.get(uri);
    }

    /** The posts of one account created at or after {@code since}, newest first. */
    List<Created> postsOf(Platform platform, String account, Instant since) {
        return created.stream()
                .filter(p -> p.platform() == platform && p.account().equals(account) && !p.at().isBefore(since))
                .sorted(Comparator.comparing(Created::at).thenComparing(Created::id).reversed())
                .toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Created> created() {
        return List.copyOf(created);
    }

    /** The posts created with this text on this account. */
    public List<Created> created(Platform platform, String account, String text) {
        return created.stream().filter(p -> p.platform() == platform && p.account().equals(account)
                && p.text().equals(text)).toList();
    }

    /** Groups of more than one post with the same text on the same account. */
    public Collection<List<Created>> duplicates() {
        return created.stream().collect(Collectors.groupingBy(p -> p.platform() + "|" + p.account() + "|" + p.text()))
                .values().stream().filter(group -> group.size() > 1).map(ArrayList::new).map(List::copyOf).toList();
    }

    public int faults(Platform platform, Fault fault) {
        return faults.get(platform).get(fault).get();
    }
}
