package com.computemarket.matching.auction.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the closer one scan at a time, on a thread of its own, and wakes it when the next auction's window ends: after
 * a scan it looks up the earliest window end of an OPEN job and pauses until then, but at least
 * {@code matching.auction.close-min-pause} (due jobs another transaction holds are not polled in a tight loop, and a
 * steady stream of closes is taken a batch at a time) and at most {@code matching.auction.close-interval}. A job that
 * opens during a pause closes no earlier than its window of at least 1 s, so with {@code close-interval} below that
 * no window end is missed.
 *
 * <p>Not a Spring trigger task: with virtual threads Spring's scheduler runs every trigger firing on a new thread and
 * counts the firing, not the end of the scan, as its completion, so scans overlapped. Overlapping scans claim
 * different jobs but then queue for the same bidders' node locks, each holding its claimed jobs and a connection
 * meanwhile: a burst of closes waited seconds between award and commit, and the connections the relay needed were
 * taken.
 */
@Component
class AuctionCloseSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuctionCloseSchedule.class);

    private final AuctionCloser closer;
    private final AuctionProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

    AuctionCloseSchedule(AuctionCloser closer, AuctionProperties properties, Clock clock) {
        this.closer = closer;
        this.properties = properties;
        this.clock = clock;
    }

    /** One scan, then the next is scheduled after the pause the scan's outcome calls for. */
    private void scanThenReschedule() {
        Duration pause = properties.closeInterval(); // if the scan fails: the next try comes after the longest pause
        try {
            closer.closeDueAuctions();
            pause = pauseBefore(closer.nextWindowEnd());
        } catch (RuntimeException scanFailure) {
            log.error("closing due auctions failed; trying again in {}", pause, scanFailure);
        } finally {
            scheduleScan(pause);
        }
    }

    private void scheduleScan(Duration after) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return; // stopped
        }
        try {
            current.schedule(this::scanThenReschedule, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // shut down between the check and the schedule: nothing more to run
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

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("auction-closer").daemon().factory());
        scheduleScan(Duration.ZERO);
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = executor;
        executor = null;
        stopping.shutdown();
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
