package org.kohogateway.gateway.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.account.ProfileChecks;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * What stands between a claimed delivery and its platform, per account: the account's own choice to hold while its
 * live profile does not comply ({@link ProfileChecks#holdingDeliveries}), a circuit breaker (one failing account does
 * not hold up the others, and is not hammered), a rate limit, and rolling limits: the 24-hour cap (Instagram's publishing
 * quota, X's daily limits) and further windows (X's 200 posts in 15 minutes and 300 in 3 hours), so a burst is spread
 * over time instead of refused by the platform. A delivery that may not go now is deferred, not failed.
 *
 * <p>The breaker is this instance's own: it reacts to what this instance sees. The rate limit and the cap are limits
 * of the platform account, so they hold for all instances together and live in PostgreSQL: a per-minute counter row
 * per account, and a cap counted from the deliveries themselves, where a SENT or DELETED one counts from its sending,
 * an UNCERTAIN one (it may have been posted) from its request, and a SENDING one from its admission. A plain counter
 * row rather than a token-bucket library: one upsert per platform in the admission's transaction, on the clock the
 * dispatcher uses, and its lock is what the cap's count needs to make one account's admissions take turns.
 */
@Component
class SendGuards {

    private static final Duration PROFILE_RECHECK = Duration.ofMinutes(5);
    /** No delivery has this id: stands in for "no delivery to leave out" of the count. */
    private static final UUID NOBODY = new UUID(0, 0);

    private final GuardProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Map<Long, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final ProfileChecks profiles;

    SendGuards(GuardProperties properties, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions,
            ProfileChecks profiles) {
        this.profiles = profiles;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Why and until when a delivery must wait, if it must. */
    record Wait(String reason, Instant until) {
    }

    /**
     * Asks every guard for permission. A granted breaker permission must be followed by {@link #record} with the
     * outcome, or by {@link #release} if the request does not start.
     */
    Optional<Wait> admit(ClaimedDelivery d) {
        return admitAll(List.of(d)).getFirst();
    }

    /**
     * {@link #admit} for deliveries that arrive together, in one transaction: one look at the accounts' profile holds
     * and the shared limits of each in turn, rather than a transaction (and two pooled connections) per delivery. The
     * accounts' counter rows are taken platform by platform in account order, so two instances admitting together
     * never deadlock.
     *
     * @return each delivery's answer, in their order
     */
    List<Optional<Wait>> admitAll(List<ClaimedDelivery> batch) {
        Instant now = clock.instant();
        List<Optional<Wait>> answers = new ArrayList<>(Collections.nCopies(batch.size(), Optional.empty()));
        List<Integer> permitted = new ArrayList<>(batch.size());
        try {
            transaction.executeWithoutResult(status -> {
                Set<Long> holding = profiles.holdingDeliveries(
                        batch.stream().map(ClaimedDelivery::accountId).collect(Collectors.toSet()));
                for (int i = 0; i < batch.size(); i++) {
                    ClaimedDelivery d = batch.get(i);
                    if (holding.contains(d.accountId())) {
                        // looked at again shortly: a check that finds the profile fixed lets the delivery go within minutes
                        answers.set(i, Optional.of(new Wait("the account's live profile does not comply (homepage or "
                                + "no-reply notice missing) and the account holds its deliveries until it does",
                                now.plus(PROFILE_RECHECK))));
                    } else if (!breaker(d.accountId()).tryAcquirePermission()) {
                        answers.set(i, Optional.of(new Wait("the account's circuit breaker is open after repeated "
                                + "failures", now.plus(properties.openFor()))));
                    } else {
                        permitted.add(i);
                    }
                }
                Map<Long, Integer> room = countInTheMinute(permitted.stream().map(batch::get).toList(), now);
                permitted.stream().sorted(Comparator.comparingLong(i -> batch.get(i).accountId()))
                        .forEach(i -> answers.set(i, admitShared(batch.get(i), room, now)));
            });
        } catch (RuntimeException e) {
            permitted.forEach(i -> breaker(batch.get(i).accountId()).releasePermission());
            throw e;
        }
        permitted.stream().filter(i -> answers.get(i).isPresent())
                .forEach(i -> breaker(batch.get(i).accountId()).releasePermission());
        return answers;
    }

    /** Feeds the platform's answer to the account's breaker: only transient and unknown outcomes count as failures. */
    void record(ClaimedDelivery d, PublishOutcome outcome) {
        CircuitBreaker breaker = breaker(d.accountId());
        switch (outcome) {
            case PublishOutcome.Transient t -> breaker.onError(0, TimeUnit.MILLISECONDS, new PlatformTrouble(t.reason()));
            case PublishOutcome.Unknown u -> breaker.onError(0, TimeUnit.MILLISECONDS, new PlatformTrouble(u.reason()));
            case PublishOutcome.Published p -> breaker.onSuccess(0, TimeUnit.MILLISECONDS);
            // the platform answered: the account is reachable, the content or credentials are the problem
            case PublishOutcome.Permanent p -> breaker.onSuccess(0, TimeUnit.MILLISECONDS);
        }
    }

    /** Gives back a breaker permission that was not used (the send stopped before reaching the platform). */
    void release(ClaimedDelivery d) {
        breaker(d.accountId()).releasePermission();
    }

    long openBreakers() {
        return breakers.values().stream().filter(b -> b.getState() == CircuitBreaker.State.OPEN).count();
    }

    CircuitBreaker.State state(long accountId) {
        return breaker(accountId).getState();
    }

    /**
     * Counts the deliveries in their accounts' current minutes, one statement per platform however many there are
     * (one upsert per delivery was the dispatcher's only statement per delivery at 0 ms, issue 20), the accounts' rows
     * taken in account order. A window never goes back: an instance whose clock is a little behind counts in the newer
     * window.
     *
     * @return how many of each account's deliveries, in their order, found room
     */
    private Map<Long, Integer> countInTheMinute(List<ClaimedDelivery> deliveries, Instant now) {
        Timestamp window = Timestamp.from(now.truncatedTo(ChronoUnit.MINUTES));
        Map<Long, Integer> room = new HashMap<>();
        deliveries.stream().collect(Collectors.groupingBy(ClaimedDelivery::platform, () -> new EnumMap<>(Platform.class),
                Collectors.groupingBy(ClaimedDelivery::accountId, TreeMap::new, Collectors.counting())))
                .forEach((platform, wanted) -> jdbc.sql("""
                        insert into account_send_window as w (account_id, window_start, admitted, last_granted)
                        select r.account_id, :window, least(r.wanted, :perMinute), least(r.wanted, :perMinute)
                        from unnest(cast(:accounts as bigint[]), cast(:wanted as integer[])) as r(account_id, wanted)
                        order by r.account_id
                        on conflict (account_id) do update set
                            window_start = greatest(w.window_start, excluded.window_start),
                            admitted = case when excluded.window_start > w.window_start then excluded.admitted
                                            else w.admitted + greatest(0, least(excluded.admitted, :perMinute - w.admitted)) end,
                            last_granted = case when excluded.window_start > w.window_start then excluded.admitted
                                                else greatest(0, least(excluded.admitted, :perMinute - w.admitted)) end
                        returning account_id, last_granted
                        """)
                        .param("window", window).param("perMinute", properties.perMinute().getOrDefault(platform, 60))
                        .param("accounts", wanted.keySet().toArray(Long[]::new))
                        .param("wanted", wanted.values().stream().map(Long::intValue).toArray(Integer[]::new))
                        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2))).list()
                        .forEach(granted -> room.put(granted.getKey(), granted.getValue())));
        return room;
    }

    /**
     * The limits all instances share, in the admission's short transaction; no platform call. The minute's room was
     * counted for the whole group: the account's first deliveries in the group take it.
     */
    private Optional<Wait> admitShared(ClaimedDelivery d, Map<Long, Integer> room, Instant now) {
        int left = room.getOrDefault(d.accountId(), 0);
        if (left == 0) {
            return Optional.of(new Wait("the account's rate limit is reached",
                    now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))));
        }
        room.put(d.accountId(), left - 1);
        List<GuardProperties.Window> limits = properties.rollingLimits(d.platform());
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        // the account's row above stays locked until commit: an admission elsewhere counts after this one is recorded
        Duration longest = limits.stream().map(GuardProperties.Window::length).max(Duration::compareTo).orElseThrow();
        Instant since = now.minus(longest);
        List<Instant> used = usedSince(d.accountId(), d.id(), since);
        Optional<Wait> wait = Optional.empty();
        for (GuardProperties.Window limit : limits) {
            List<Instant> inWindow = used.stream().filter(u -> u.isAfter(now.minus(limit.length()))).toList();
            if (inWindow.size() >= limit.limit()) {
                Instant until = inWindow.get(inWindow.size() - limit.limit()).plus(limit.length());
                if (wait.isEmpty() || until.isAfter(wait.get().until())) {
                    wait = Optional.of(new Wait("the " + d.platform() + " limit of " + limit.limit() + " posts in "
                            + spoken(limit.length()) + " is reached", until));
                }
            }
        }
        if (wait.isPresent()) {
            // gives back the minute's request counted above; the row stays locked, so nobody counted in between
            jdbc.sql("update account_send_window set admitted = admitted - 1 where account_id = :account")
                    .param("account", d.accountId()).update();
            return wait;
        }
        jdbc.sql("""
                insert into delivery_admission (delivery_id, account_id, attempt, admitted_at)
                values (:delivery, :account, :attempt, :now)
                on conflict (delivery_id) do update set attempt = excluded.attempt, admitted_at = excluded.admitted_at
                """)
                .param("delivery", d.id()).param("account", d.accountId()).param("attempt", d.attempt())
                .param("now", Timestamp.from(now)).update();
        jdbc.sql("delete from delivery_admission where account_id = :account and admitted_at <= :since")
                .param("account", d.accountId()).param("since", Timestamp.from(since)).update();
        return Optional.empty();
    }

    /** "24 hours" (the daily cap, as people call it), "15 minutes", "3 hours". */
    private static String spoken(Duration length) {
        if (length.equals(Duration.ofHours(24))) {
            return "24 hours (daily cap)";
        }
        if (length.toMinutesPart() == 0 && length.toSecondsPart() == 0) {
            return length.toHours() + " hours";
        }
        return length.toSecondsPart() == 0 ? length.toMinutes() + " minutes" : length.toSeconds() + " seconds";
    }

    /**
     * When each post of the account that went out, or may have, in the window was sent, oldest first. A SENDING
     * delivery counts only for the attempt that was admitted: a retry claimed again is admitted afresh.
     *
     * @param self the delivery being admitted, left out of the count; null to count every one
     */
    List<Instant> usedSince(long accountId, @Nullable UUID self, Instant since) {
        return jdbc.sql("""
                select used_at from (
                    select sent_at as used_at from delivery
                    where account_id = :account and status in ('SENT', 'DELETED')
                    union all
                    select coalesce(send_started_at, first_started_at, updated_at) from delivery
                    where account_id = :account and status = 'UNCERTAIN'
                    union all
                    select a.admitted_at from delivery_admission a join delivery x on x.id = a.delivery_id
                    where a.account_id = :account and x.status = 'SENDING' and x.attempts = a.attempt
                      and x.id <> :self
                ) used
                where used_at > :since
                order by used_at
                """)
                .param("account", accountId).param("self", self == null ? NOBODY : self)
                .param("since", Timestamp.from(since))
                .query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }

    private CircuitBreaker breaker(long accountId) {
        return breakers.computeIfAbsent(accountId, id -> CircuitBreaker.of("account-" + id, CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.failureRate())
                .minimumNumberOfCalls(properties.minimumCalls())
                .slidingWindowSize(properties.window())
                .waitDurationInOpenState(properties.openFor())
                .permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
                .clock(clock)
                .build()));
    }

    /** A platform's transient or unknown answer, as the breaker wants a throwable. */
    private static final class PlatformTrouble extends RuntimeException {
        PlatformTrouble(String message) {
            super(message, null, false, false);
        }
    }
}
