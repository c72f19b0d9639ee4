package org.kohogateway.gateway.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.post.ClaimedDelivery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * What stands between a claimed delivery and its platform, per account: a circuit breaker (one failing account does
 * not hold up the others, and is not hammered), a rate limiter, and the rolling 24-hour cap the gateway counts itself
 * from its own send log (Instagram's publishing quota, X's daily limits). A delivery that may not go now is deferred,
 * not failed.
 */
@Component
class SendGuards {

    private final GuardProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Long, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<Long, RateLimiter> limiters = new ConcurrentHashMap<>();

    SendGuards(GuardProperties properties, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Why and until when a delivery must wait, if it must. */
    record Wait(String reason, Instant until) {
    }

    /**
     * Asks every guard for permission. A granted breaker permission must be followed by {@link #record} with the
     * outcome.
     */
    Optional<Wait> admit(ClaimedDelivery d) {
        Instant now = clock.instant();
        Integer cap = properties.dailyCap().get(d.platform());
        if (cap != null) {
            Optional<Instant> full = capReachedUntil(d.accountId(), cap, now);
            if (full.isPresent()) {
                return Optional.of(new Wait("the " + d.platform() + " daily cap of " + cap
                        + " posts in 24 hours is reached", full.get()));
            }
        }
        RateLimiter limiter = limiter(d);
        if (!limiter.acquirePermission()) {
            return Optional.of(new Wait("the account's rate limit is reached", now.plusSeconds(60)));
        }
        CircuitBreaker breaker = breaker(d.accountId());
        if (!breaker.tryAcquirePermission()) {
            return Optional.of(new Wait("the account's circuit breaker is open after repeated failures",
                    now.plus(properties.openFor())));
        }
        return Optional.empty();
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

    /** When the account's rolling 24-hour count drops below the cap again, if it is at the cap now. */
    private Optional<Instant> capReachedUntil(long accountId, int cap, Instant now) {
        Timestamp since = Timestamp.from(now.minus(Duration.ofHours(24)));
        long count = jdbc.sql("""
                select count(*) from delivery
                where account_id = :account and status in ('SENT', 'DELETED') and sent_at > :since
                """).param("account", accountId).param("since", since).query(Long.class).single();
        if (count < cap) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select sent_at from delivery
                where account_id = :account and status in ('SENT', 'DELETED') and sent_at > :since
                order by sent_at offset :offset limit 1
                """)
                .param("account", accountId).param("since", since).param("offset", count - cap)
                .query(Timestamp.class).optional()
                .map(leaving -> leaving.toInstant().plus(Duration.ofHours(24)));
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

    private RateLimiter limiter(ClaimedDelivery d) {
        return limiters.computeIfAbsent(d.accountId(), id -> RateLimiter.of("account-" + id, RateLimiterConfig.custom()
                .limitForPeriod(properties.perMinute().getOrDefault(d.platform(), 60))
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build()));
    }

    /** A platform's transient or unknown answer, as the breaker wants a throwable. */
    private static final class PlatformTrouble extends RuntimeException {
        PlatformTrouble(String message) {
            super(message, null, false, false);
        }
    }
}
