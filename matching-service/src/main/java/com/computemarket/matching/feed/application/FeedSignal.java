package com.computemarket.matching.feed.application;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Wakes waiting feed readers when a job may have joined the feed. However many long polls and event streams wait on
 * an instance, one of them reads the newest committed feed cursor once per {@code matching.feed.poll-interval} and
 * the others wait on it; a reader queries its own (filtered, costlier) feed only when that cursor has moved past the
 * one it last saw. Openings commit in cursor order ({@code FeedSequence}), so "the newest committed cursor moved" is
 * exactly "a job the reader has not seen may be there". Nothing is read while nobody waits.
 */
@Component
public class FeedSignal {

    private final LongSupplier newestCommittedCursor;
    private final long pollIntervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    // Guarded by lock.
    private long newestCursor;
    private boolean reading;
    private long readAtNanos;

    @Autowired
    FeedSignal(JdbcClient jdbc, FeedProperties properties) {
        // The unique index on feed_sequence answers this from its last entry.
        this(() -> jdbc.sql("select coalesce(max(feed_sequence), 0) from job").query(Long.class).single(),
                properties.pollInterval());
    }

    FeedSignal(LongSupplier newestCommittedCursor, Duration pollInterval) {
        this.newestCommittedCursor = newestCommittedCursor;
        this.pollIntervalNanos = pollInterval.toNanos();
        this.readAtNanos = System.nanoTime() - pollIntervalNanos;
    }

    /**
     * The newest cursor as last read, possibly behind the database. A reader takes it before querying its feed and
     * then waits for a newer one: a job committed after its query has a newer cursor, so it is never missed; a stale
     * value only costs one query more.
     */
    public long newestCursor() {
        lock.lock();
        try {
            return newestCursor;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a feed cursor newer than {@code seen} is committed, or until {@code timeout} has passed; returns the
     * newest cursor known then ({@code <= seen} on a timeout).
     */
    public long awaitNewerThan(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (newestCursor <= seen) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    break;
                }
                long sinceRead = now - readAtNanos;
                if (!reading && sinceRead >= pollIntervalNanos) {
                    readNewest();
                } else {
                    // Another waiter is reading (it signals when done), or the next read is not due yet.
                    long untilRead = reading ? Long.MAX_VALUE : pollIntervalNanos - sinceRead;
                    moved.awaitNanos(Math.min(deadline - now, untilRead));
                }
            }
            return newestCursor;
        } finally {
            lock.unlock();
        }
    }

    /** Reads the database without holding the lock, so that other waiters can time out meanwhile. */
    private void readNewest() {
        reading = true;
        lock.unlock();
        long read = 0;
        try {
            read = newestCommittedCursor.getAsLong();
        } finally {
            lock.lock();
            reading = false;
            readAtNanos = System.nanoTime();
            newestCursor = Math.max(newestCursor, read);
            moved.signalAll();
        }
    }
}
