package org.kohogateway.gateway.dispatch.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.dispatch.ChildGateway;
import org.kohogateway.gateway.dispatch.chaos.ChaosVerdict.PauseWindow;
import org.kohogateway.gateway.testing.Api;

/**
 * What the chaos test does to the gateways while they send: starts and SIGKILLs instances, freezes one with SIGSTOP
 * beyond its lease, restarts PostgreSQL, and pauses and resumes accounts over a running instance's API — and keeps a
 * timeline of it all and the pause windows the verdict checks requests against.
 */
public final class Disruptions {

    private static final Duration START_UP = Duration.ofSeconds(180);

    private final Map<String, String> properties;
    private final Duration lease;
    private final List<ChildGateway> instances = Collections.synchronizedList(new ArrayList<>());
    private final Map<ChildGateway, Integer> ports = new ConcurrentHashMap<>();
    /** Instances stopped with SIGSTOP: alive, but answering nothing. */
    private final Set<ChildGateway> frozen = ConcurrentHashMap.newKeySet();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<PauseWindow> pauses = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, Instant> pausedAt = new ConcurrentHashMap<>();
    private volatile Instant start = Instant.now();

    /** @param properties the child gateways' properties */
    public Disruptions(Map<String, String> properties, Duration lease) {
        this.properties = Map.copyOf(properties);
        this.lease = lease;
    }

    /** Launches a gateway process; it counts as running once its HTTP port is open. */
    public ChildGateway startInstance() {
        Instant launched = Instant.now();
        ChildGateway child = ChildGateway.start("chaos-" + (instances.size() + 1), properties);
        instances.add(child);
        Thread.ofVirtual().start(() -> {
            ports.put(child, child.awaitStarted(START_UP));
            note(child.instance() + " ready " + Duration.between(launched, Instant.now()).toSeconds() + " s after its launch");
        });
        return child;
    }

    public void awaitRunning(int count) {
        await().atMost(START_UP).pollInterval(Duration.ofMillis(200)).until(() -> ports.size() >= count);
    }

    /** Times in the timeline count from here. */
    public void startClock(Instant at) {
        start = at;
    }

    public Instant start() {
        return start;
    }

    public void log(Instant at, String event) {
        events.add(String.format("  t=%6.1f s  %s", Duration.between(start, at).toMillis() / 1000.0, event));
    }

    public void note(String event) {
        events.add("             " + event);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public List<PauseWindow> pauses() {
        return List.copyOf(pauses);
    }

    /**
     * Pauses over the API of a running instance; retried while the database restarts. Records when the call returned.
     *
     * @param key the account as the platform knows it
     */
    public void pause(Supplier<String> adminToken, Platform platform, long accountId, String key) throws InterruptedException {
        Map<String, Object> body = Map.of("accountId", accountId, "reason", "炎上対応のため停止（カオス試験）");
        for (int attempt = 0; attempt < 40; attempt++) {
            Api.Response response = call(adminToken, "/api/crisis/pause", Api.json(body));
            // 409 after a failed attempt: that attempt paused it, and by now its call would have returned
            if (response != null && (response.status() == 200 || response.status() == 409 && attempt > 0)) {
                pausedAt.put(accountId, Instant.now());
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("could not pause " + platform + " account " + accountId);
    }

    /** Resumes; the account's pause window ends when this call starts. */
    public void resume(Supplier<String> adminToken, Platform platform, long accountId, String key) throws InterruptedException {
        pauses.add(new PauseWindow(platform, key, pausedAt.remove(accountId), Instant.now()));
        for (int attempt = 0; attempt < 40; attempt++) {
            Api.Response response = call(adminToken, "/api/crisis/resume", Api.json(Map.of("accountId", accountId)));
            if (response != null && (response.status() == 200 || response.status() == 409 && attempt > 0)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("could not resume " + platform + " account " + accountId);
    }

    private Api.Response call(Supplier<String> adminToken, String path, String json) {
        for (ChildGateway instance : List.copyOf(instances)) {
            Integer port = ports.get(instance);
            if (port != null && instance.isAlive() && !frozen.contains(instance)) {
                try {
                    return Api.withToken(port, adminToken.get()).post(path, json);
                } catch (RuntimeException unreachable) {
                    return null;
                }
            }
        }
        return null;
    }

    /** SIGKILL of the longest-running instance, and a replacement launched. */
    public void killAndReplace() throws InterruptedException {
        ChildGateway victim = List.copyOf(instances).stream().filter(ChildGateway::isAlive).findFirst().orElseThrow();
        victim.kill();
        ports.remove(victim);
        note("SIGKILL " + victim.instance() + ", launched " + startInstance().instance());
    }

    /**
     * SIGSTOP of the longest-running instance for longer than a lease, then SIGCONT, as a long GC pause or a stalled VM:
     * its claims expire and are recovered by another instance while its requests are under way, then it carries on.
     */
    public void freezeBeyondLease() throws Exception {
        ChildGateway victim = List.copyOf(instances).stream().filter(i -> i.isAlive() && ports.containsKey(i))
                .findFirst().orElseThrow();
        Duration freeze = lease.plusSeconds(3);
        frozen.add(victim);
        signal(victim, "STOP");
        note("SIGSTOP " + victim.instance() + " for " + freeze.toSeconds() + " s");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(freeze);
                signal(victim, "CONT");
                log(Instant.now(), "SIGCONT " + victim.instance());
            } catch (Exception e) {
                log(Instant.now(), "could not continue " + victim.instance() + ": " + e);
            } finally {
                frozen.remove(victim);
            }
        });
    }

    public void awaitNoneFrozen() {
        await().atMost(lease.plusSeconds(10)).until(frozen::isEmpty);
    }

    /** A real restart ({@link DatabaseRestart#restart}); ending every connection instead only if that is impossible. */
    public void restartDatabase() throws Exception {
        String how;
        try {
            how = DatabaseRestart.restart(EmbeddedDatabase.jdbcUrl());
        } catch (RuntimeException | java.io.IOException e) {
            how = DatabaseRestart.terminateBackends(EmbeddedDatabase.jdbcUrl()) + " after pg_ctl failed: " + e;
        }
        note("PostgreSQL: " + how);
    }

    /** SIGTERM to every instance still running (SIGCONT first to a frozen one). */
    public void stopAll() throws Exception {
        for (ChildGateway instance : List.copyOf(instances)) {
            if (frozen.contains(instance) && instance.isAlive()) {
                signal(instance, "CONT");
            }
            instance.close();
        }
    }

    private static void signal(ChildGateway instance, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(instance.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + instance.pid() + " failed");
        }
    }
}
