package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/** A funded job is open for bids until {@code biddingClosesAt}. */
public record JobOpened(UUID jobId, String consumer, Instant biddingClosesAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
