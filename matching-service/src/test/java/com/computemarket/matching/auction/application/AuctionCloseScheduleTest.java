package com.computemarket.matching.auction.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pause before the closer's next scan (until the next window ends, within the configured bounds) and the bound on
 * scans running at once.
 */
class AuctionCloseScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** Only {@link AuctionCloseSchedule#pauseBefore} is exercised, which never calls the closer. */
    private final AuctionCloseSchedule schedule = new AuctionCloseSchedule(null, properties(3),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void wakesWhenTheNextWindowEnds() {
        assertThat(schedule.pauseBefore(Optional.of(NOW.plusMillis(80)))).isEqualTo(Duration.ofMillis(80));
    }

    @Test
    void pausesAtLeastTheShortestPauseWhenAJobIsAlreadyDue() {
        assertThat(schedule.pauseBefore(Optional.of(NOW.minusSeconds(5)))).isEqualTo(Duration.ofMillis(10));
        assertThat(schedule.pauseBefore(Optional.of(NOW.plusMillis(3)))).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void pausesAtMostTheCloseIntervalForAFarWindowOrNoOpenJob() {
        assertThat(schedule.pauseBefore(Optional.of(NOW.plusSeconds(3600)))).isEqualTo(Duration.ofMillis(200));
        assertThat(schedule.pauseBefore(Optional.empty())).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aFiringThatFindsEveryScanBusyDoesNothing() throws Exception {
        AuctionCloser closer = mock(AuctionCloser.class);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger scansStarted = new AtomicInteger();
        when(closer.closeDueAuctions()).thenAnswer(invocation -> {
            scansStarted.incrementAndGet();
            release.await(30, TimeUnit.SECONDS);
            return 0;
        });
        when(closer.nextWindowEnd()).thenReturn(Optional.empty());
        AuctionCloseSchedule bounded = new AuctionCloseSchedule(closer, properties(2), Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService firings = Executors.newFixedThreadPool(2);
        try {
            firings.submit(bounded::closeDueAuctions);
            firings.submit(bounded::closeDueAuctions);
            await().atMost(Duration.ofSeconds(10)).until(() -> scansStarted.get() == 2);

            bounded.closeDueAuctions();
            assertThat(scansStarted).as("a third firing while two scans wait").hasValue(2);

            release.countDown();
            firings.shutdown();
            assertThat(firings.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            bounded.closeDueAuctions();
            assertThat(scansStarted).as("finished scans give their places back").hasValue(3);
        } finally {
            release.countDown();
            firings.shutdownNow();
        }
    }

    private static AuctionProperties properties(int maxConcurrentScans) {
        return new AuctionProperties(BigInteger.ONE, Duration.ofMillis(200), 100, Duration.ofMillis(10),
                maxConcurrentScans, 1000);
    }
}
