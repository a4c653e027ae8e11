package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/** A lease ended; {@code reason} is a {@link LeaseCloseReason}. */
public record LeaseClosed(
        UUID leaseId,
        UUID jobId,
        String provider,
        LeaseCloseReason reason,
        Instant closedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
