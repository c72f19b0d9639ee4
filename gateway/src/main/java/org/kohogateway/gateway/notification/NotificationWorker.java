package org.kohogateway.gateway.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: every {@code poll-interval} it claims due notifications and hands each to its channel,
 * concurrently on virtual threads, outside any transaction. A receiver that fails is tried again after
 * {@code backoff} × 2ⁿ (at most {@code max-backoff}) until {@code max-attempts}; one that refuses for good is given
 * up at once. It runs apart from dispatch: a slow or failing mail server or webhook delays only notifications.
 */
@Component
public class NotificationWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationWorker.class);

    private final Outbox outbox;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final NotificationProperties properties;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final String worker = "notifier-" + UUID.randomUUID();
    private volatile @Nullable ScheduledFuture<?> schedule;

    NotificationWorker(Outbox outbox, MailChannel mail, WebhookChannel webhooks, NotificationProperties properties,
            Clock clock, TaskScheduler scheduler) {
        this.outbox = outbox;
        this.mail = mail;
        this.webhooks = webhooks;
        this.properties = properties;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Claims the notifications due now and waits until each attempt is recorded. The schedule calls it; tests and
     * tools may too.
     *
     * @return how many were claimed
     */
    public int deliverDue() {
        List<Notification> claimed = outbox.claim(clock.instant(), properties.batchSize(), worker, properties.lease());
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            claimed.forEach(n -> senders.execute(() -> deliver(n)));
        }
        return claimed.size();
    }

    private void deliver(Notification n) {
        SendOutcome outcome;
        try {
            outcome = switch (n.channel()) {
                case EMAIL -> mail.send(n);
                case WEBHOOK -> webhooks.send(n);
            };
        } catch (RuntimeException e) {
            outcome = new SendOutcome.Transient("could not send: " + e);
        }
        Instant now = clock.instant();
        switch (outcome) {
            case SendOutcome.Sent s -> outbox.sent(n, worker, now);
            case SendOutcome.Permanent p -> {
                log.warn("notification {} to {} given up: {}", n.id(), n.receiver(), p.reason());
                outbox.failed(n, worker, p.reason(), now);
            }
            case SendOutcome.Transient t -> {
                if (n.attempt() >= properties.maxAttempts()) {
                    log.warn("notification {} to {} given up after {} attempts: {}", n.id(), n.receiver(),
                            n.attempt(), t.reason());
                    outbox.failed(n, worker, t.reason() + " (gave up after " + n.attempt() + " attempts)", now);
                } else {
                    Instant next = now.plus(backoff(n.attempt()));
                    log.info("notification {} to {} not delivered (attempt {}), next attempt at {}: {}", n.id(),
                            n.receiver(), n.attempt(), next, t.reason());
                    outbox.retryLater(n, worker, next, t.reason(), now);
                }
            }
        }
    }

    Duration backoff(int attempt) {
        Duration delay = properties.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
    }

    private void deliverDueLogged() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.error("notification round failed; trying again after {}", properties.pollInterval(), e);
        }
    }

    @Override
    public void start() {
        if (properties.enabled() && schedule == null) {
            // the scheduler counts in wall time, not business time, so not the injected clock
            schedule = scheduler.scheduleWithFixedDelay(this::deliverDueLogged,
                    Instant.now().plus(properties.pollInterval()), properties.pollInterval());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
