package org.kohogateway.gateway.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Group commit for the dispatcher's senders: a sender hands in its item and waits for its answer; whoever holds the
 * lock processes every item waiting at that moment in one call (one transaction), so senders that arrive together
 * share a transaction instead of queueing for one each — and, for audited work, for one turn each at the audit chain's
 * lock. A sender never gets its answer before its item's transaction committed. If a group fails, its items are
 * processed one by one, so one bad item does not fail the others.
 *
 * @param <T> what a sender hands in
 * @param <R> its answer
 */
final class GroupCommit<T, R> {

    private record Waiting<T, R>(T item, CompletableFuture<R> answer) {
    }

    private final int maxGroup;
    private final Function<List<T>, List<R>> process;
    private final ConcurrentLinkedQueue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock processing = new ReentrantLock();

    /** @param process answers a group of items, in their order, in one transaction */
    GroupCommit(int maxGroup, Function<List<T>, List<R>> process) {
        this.maxGroup = maxGroup;
        this.process = process;
    }

    /** The item's answer, once its group committed; throws what processing it threw. */
    R submit(T item) {
        Waiting<T, R> mine = new Waiting<>(item, new CompletableFuture<>());
        queue.add(mine);
        while (!mine.answer().isDone()) {
            processing.lock();
            try {
                if (!mine.answer().isDone()) {
                    processWaiting();
                }
            } finally {
                processing.unlock();
            }
        }
        try {
            return mine.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Items handed in and not yet taken into a group. */
    int waiting() {
        return queue.size();
    }

    private void processWaiting() {
        List<Waiting<T, R>> group = new ArrayList<>();
        for (Waiting<T, R> w = queue.poll(); w != null; w = group.size() < maxGroup ? queue.poll() : null) {
            group.add(w);
        }
        List<R> answers;
        try {
            answers = process.apply(group.stream().map(Waiting::item).toList());
        } catch (RuntimeException groupFailed) {
            for (Waiting<T, R> w : group) {
                try {
                    w.answer().complete(process.apply(List.of(w.item())).getFirst());
                } catch (RuntimeException e) {
                    w.answer().completeExceptionally(e);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(answers.get(i));
        }
    }
}
