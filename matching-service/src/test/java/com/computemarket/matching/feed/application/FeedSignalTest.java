package com.computemarket.matching.feed.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The wake-up of waiting feed readers, over a stand-in for the database's newest committed cursor. */
class FeedSignalTest {

    private final AtomicLong committed = new AtomicLong(7);
    private final AtomicInteger reads = new AtomicInteger();
    private final FeedSignal signal = new FeedSignal(() -> {
        reads.incrementAndGet();
        return committed.get();
    }, Duration.ofMillis(20));

    @Test
    void aWaiterBehindTheNewestCommittedCursorReturnsAtOnceWithIt() throws Exception {
        assertThat(signal.awaitNewerThan(3, Duration.ofMinutes(1))).isEqualTo(7);
        assertThat(signal.newestCursor()).isEqualTo(7);
    }

    @Test
    void aWaiterWakesWhenANewerJobIsCommittedAndNotBefore() throws Exception {
        try (ExecutorService waiter = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> woken = waiter.submit(() -> signal.awaitNewerThan(7, Duration.ofMinutes(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 3);
            assertThat(woken).isNotDone();

            committed.set(8);

            await().atMost(Duration.ofSeconds(10)).until(woken::isDone);
            assertThat(woken.get()).isEqualTo(8);
        }
    }

    @Test
    void aWaitThatSeesNothingNewEndsAtItsTimeoutWithTheCursorItKnew() throws Exception {
        assertThat(signal.awaitNewerThan(7, Duration.ofMillis(100))).isEqualTo(7);
        assertThat(signal.awaitNewerThan(7, Duration.ZERO)).isEqualTo(7);
    }

    @Test
    void manyWaitersShareOneReadPerInterval() throws Exception {
        int waiters = 50;
        long started = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                waits.add(executor.submit(() -> signal.awaitNewerThan(7, Duration.ofMillis(500))));
            }
            for (Future<Long> wait : waits) {
                assertThat(wait.get()).isEqualTo(7);
            }
        }
        long elapsedIntervals = Duration.ofNanos(System.nanoTime() - started).toMillis() / 20;
        // Each waiter reading on its own would make about 50 reads per interval.
        assertThat(reads.get()).isLessThanOrEqualTo((int) elapsedIntervals + 2);
    }

    @Test
    void aFailedReadReachesItsWaiterAndTheNextWaitReadsAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        FeedSignal flaky = new FeedSignal(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database unavailable");
            }
            return 9;
        }, Duration.ZERO);

        assertThat(catchThrowable(() -> flaky.awaitNewerThan(7, Duration.ofMinutes(1))))
                .isInstanceOf(IllegalStateException.class).hasMessage("database unavailable");
        assertThat(flaky.awaitNewerThan(7, Duration.ofMinutes(1))).isEqualTo(9);
    }
}
