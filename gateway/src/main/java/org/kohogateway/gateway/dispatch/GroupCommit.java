package org.kohogateway.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Group commit for the dispatcher's senders: a sender hands in its item and waits for its answer; whoever gets to
 * process takes every item waiting at that moment into one call (one transaction), so senders that arrive together
 * share a transaction, its round trips and its commit instead of each paying for one. A sender never gets its answer
 * before its item's transaction committed. If a group fails, its items are processed one by one, so one bad item does
 * not fail the others.
 *
 * <p>Up to {@code parallel} groups are processed at once. With one, a sender that arrives while a group is processed
 * waits for it to commit and then for its own group; with two, it starts its group at once, in its own transaction.
 * That wait is worth cutting where the senders hold something scarce meanwhile (the pause gate: a request slot).
 *
 * @param <T> what a sender hands in
 * @param <R> its answer
 */
final class GroupCommit<T, R> {

    private static final class Waiting<T, R> {
        final T item;
        final CompletableFuture<R> answer = new CompletableFuture<>();
        /** Taken into a group: its answer comes from whoever processes that group. */
        volatile boolean taken;

        Waiting(T item) {
            this.item = item;
        }
    }

    private final int maxGroup;
    private final long lingerNanos;
    private final Function<List<T>, List<R>> process;
    private final ConcurrentLinkedQueue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore processing;

    /** @param process answers a group of items, in their order, in one transaction */
    GroupCommit(int maxGroup, Function<List<T>, List<R>> process) {
        this(maxGroup, 1, Duration.ZERO, process);
    }

    /**
     * @param parallel how many groups may be processed at once
     * @param linger   how long a group waits for more items when fewer than a quarter of {@code maxGroup} are
     *                 waiting: where nobody holds anything scarce while waiting, a few milliseconds turn a stream of
     *                 groups of one or two into a transaction for many
     * @param process  answers a group of items, in their order, in one transaction
     */
    GroupCommit(int maxGroup, int parallel, Duration linger, Function<List<T>, List<R>> process) {
        this.maxGroup = maxGroup;
        this.lingerNanos = linger.toNanos();
        this.process = process;
        this.processing = new Semaphore(parallel);
    }

    /** The item's answer, once its group committed; throws what processing it threw. */
    R submit(T item) {
        Waiting<T, R> mine = new Waiting<>(item);
        queue.add(mine);
        while (!mine.taken) {
            processing.acquireUninterruptibly();
            try {
                if (!mine.taken) {
                    processWaiting();
                }
            } finally {
                processing.release();
            }
        }
        try {
            return mine.answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Items handed in and not yet taken into a group. */
    int waiting() {
        return queue.size();
    }

    private void processWaiting() {
        if (lingerNanos > 0 && queue.size() < maxGroup / 4) {
            LockSupport.parkNanos(lingerNanos);
        }
        List<Waiting<T, R>> group = new ArrayList<>();
        for (Waiting<T, R> w = queue.poll(); w != null; w = group.size() < maxGroup ? queue.poll() : null) {
            w.taken = true;
            group.add(w);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            List<R> answers;
            try {
                answers = process.apply(group.stream().map(w -> w.item).toList());
            } catch (RuntimeException groupFailed) {
                for (Waiting<T, R> w : group) {
                    try {
                        w.answer.complete(process.apply(List.of(w.item)).getFirst());
                    } catch (RuntimeException e) {
                        w.answer.completeExceptionally(e);
                    }
                }
                return;
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer.complete(answers.get(i));
            }
        } catch (Error e) {
            // taken items are answered by nobody else: their senders must not wait for ever
            group.forEach(w -> w.answer.completeExceptionally(e));
            throw e;
        }
    }
}
