package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A funded job is open for bids until {@code biddingClosesAt}, or until {@code closeWhenQualifiedBids} open bids are
 * in, if the consumer asked for that early close (null otherwise): the auction may then close before
 * {@code biddingClosesAt}.
 */
public record JobOpened(UUID jobId, String consumer, Instant biddingClosesAt, Integer closeWhenQualifiedBids)
        implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
