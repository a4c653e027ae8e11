package com.computemarket.matching.auction.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs the closer and wakes it when the next auction's window ends: after a scan it looks up the
 * earliest window end of an OPEN job and pauses until then, but at least {@code matching.auction.close-min-pause}
 * (due jobs another transaction holds are not polled in a tight loop, and a steady stream of closes is taken a batch
 * at a time) and at most {@code matching.auction.close-interval}. A job that opens during a pause closes no earlier
 * than its window of at least 1 s, so with {@code close-interval} below that no window end is missed.
 *
 * <p>Scans overlap: with virtual threads Spring's scheduler runs each firing of a trigger task on a new thread and
 * counts the firing, not the end of the scan, as its completion, so a scan starts every pause even while earlier ones
 * still run. They claim different jobs ({@code skip locked}) and queue for shared bidders' node locks, which pipelines
 * one batch's claim and loading with another's locked part; a strictly sequential closer measured slower under load
 * (docs/benchmarks.md). Each waiting scan holds a pooled connection, so at most
 * {@code matching.auction.close-max-concurrent-scans} run at once; a firing that finds them all busy does nothing
 * (the busy scans take the due auctions).
 */
@Component
class AuctionCloseSchedule implements SchedulingConfigurer {

    private final AuctionCloser closer;
    private final AuctionProperties properties;
    private final Clock clock;
    private final Semaphore scans;
    private volatile Duration pause;

    AuctionCloseSchedule(AuctionCloser closer, AuctionProperties properties, Clock clock) {
        this.closer = closer;
        this.properties = properties;
        this.clock = clock;
        this.pause = properties.closeInterval();
        this.scans = new Semaphore(properties.closeMaxConcurrentScans());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addTriggerTask(this::closeDueAuctions, this::nextScan);
    }

    void closeDueAuctions() {
        if (!scans.tryAcquire()) {
            return;
        }
        try {
            pause = properties.closeInterval(); // kept if the scan fails: the next try comes after the longest pause
            closer.closeDueAuctions();
            pause = pauseBefore(closer.nextWindowEnd());
        } finally {
            scans.release();
        }
    }

    /** From now until {@code windowEnd}, kept between the shortest and the longest pause. */
    Duration pauseBefore(Optional<Instant> windowEnd) {
        Duration untilEnd = windowEnd.map(end -> Duration.between(clock.instant(), end))
                .orElse(properties.closeInterval());
        if (untilEnd.compareTo(properties.closeMinPause()) < 0) {
            return properties.closeMinPause();
        }
        return untilEnd.compareTo(properties.closeInterval()) > 0 ? properties.closeInterval() : untilEnd;
    }

    private Instant nextScan(TriggerContext context) {
        Instant lastCompletion = context.lastCompletion();
        return lastCompletion == null ? context.getClock().instant() : lastCompletion.plus(pause);
    }
}
