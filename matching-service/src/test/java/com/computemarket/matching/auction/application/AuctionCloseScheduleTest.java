package com.computemarket.matching.auction.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pause before the closer's next scan: until the next window ends, within the configured bounds. */
class AuctionCloseScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** Only {@link AuctionCloseSchedule#pauseBefore} is exercised, which never calls the closer. */
    private final AuctionCloseSchedule schedule = new AuctionCloseSchedule(null,
            new AuctionProperties(BigInteger.ONE, Duration.ofMillis(200), 100, Duration.ofMillis(10)),
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
}
