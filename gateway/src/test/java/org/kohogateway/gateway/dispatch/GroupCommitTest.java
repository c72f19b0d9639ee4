package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    /** Answers ten times the item; the group holding item 0 waits to be released, item 3 cannot be processed. */
    private final GroupCommit<Integer, Integer> commit = new GroupCommit<>(64, items -> {
        groups.add(List.copyOf(items));
        if (items.contains(0)) {
            firstStarted.countDown();
            awaitRelease();
        }
        if (items.contains(3)) {
            throw new IllegalStateException("item 3 is bad");
        }
        return items.stream().map(i -> i * 10).toList();
    });

    @Test
    void itemsArrivingWhileAGroupIsProcessedShareTheNextGroupAndEachGetsItsOwnAnswer() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> commit.submit(0));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> later = new ArrayList<>();
            for (int i : List.of(1, 2, 4, 5)) {
                later.add(threads.submit(() -> commit.submit(i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 4);
            assertThat(later).noneMatch(Future::isDone);

            releaseFirst.countDown();

            assertThat(first.get()).isEqualTo(0);
            assertThat(List.of(later.get(0).get(), later.get(1).get(), later.get(2).get(), later.get(3).get()))
                    .containsExactly(10, 20, 40, 50);
        }
        assertThat(groups).hasSize(2);
        assertThat(groups.get(1)).containsExactlyInAnyOrder(1, 2, 4, 5);
    }

    @Test
    void withTwoGroupsAtOnceAnItemArrivingWhileAGroupIsProcessedIsAnsweredWithoutWaitingForIt() throws Exception {
        GroupCommit<Integer, Integer> two = new GroupCommit<>(64, 2, Duration.ZERO, items -> {
            groups.add(List.copyOf(items));
            if (items.contains(0)) {
                firstStarted.countDown();
                awaitRelease();
            }
            return items.stream().map(i -> i * 10).toList();
        });
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> two.submit(0));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(threads.submit(() -> two.submit(1)).get(10, TimeUnit.SECONDS)).isEqualTo(10);
            assertThat(first).isNotDone();

            releaseFirst.countDown();
            assertThat(first.get()).isEqualTo(0);
        }
        assertThat(groups).containsExactly(List.of(0), List.of(1));
    }

    @Test
    void aGroupThatDiesOfAnErrorAnswersEverySenderInItRatherThanLeaveThemWaiting() throws Exception {
        GroupCommit<Integer, Integer> dying = new GroupCommit<>(64, items -> {
            if (items.contains(0)) {
                firstStarted.countDown();
                awaitRelease();
                return List.of(0);
            }
            throw new OutOfMemoryError("simulated");
        });
        // not closed at the end: a sender left waiting for ever would keep close() waiting too
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Future<Integer> first = threads.submit(() -> dying.submit(0));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Integer> one = threads.submit(() -> dying.submit(1));
            Future<Integer> two = threads.submit(() -> dying.submit(2));
            await().atMost(Duration.ofSeconds(10)).until(() -> dying.waiting() == 2);

            releaseFirst.countDown();

            assertThat(first.get()).isZero();
            for (Future<Integer> sender : List.of(one, two)) {
                assertThatThrownBy(() -> sender.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .rootCause().isInstanceOf(OutOfMemoryError.class);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingGroupIsRetriedItemByItemSoOnlyTheBadItemFails() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = threads.submit(() -> commit.submit(0));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Integer> good = threads.submit(() -> commit.submit(2));
            Future<Integer> bad = threads.submit(() -> commit.submit(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> commit.waiting() == 2);

            releaseFirst.countDown();

            assertThat(first.get()).isEqualTo(0);
            assertThat(good.get()).isEqualTo(20);
            assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("item 3 is bad");
        }
        assertThat(groups).contains(List.of(2), List.of(3));
    }

    private void awaitRelease() {
        try {
            if (!releaseFirst.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
