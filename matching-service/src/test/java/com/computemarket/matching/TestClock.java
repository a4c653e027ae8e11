package com.computemarket.matching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in integration tests: real time plus an offset that tests move forward (never back), so that
 * bidding windows close and heartbeats go missing without anyone waiting. Every component reads time from it, so
 * moving it keeps them consistent with each other.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the service's time forward by {@code duration}. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service runs in UTC");
    }
}
