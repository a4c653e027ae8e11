package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/** The consumer topped up within the grace period: the paused lease's escrow is funded again and it accrues again. */
public record LeaseResumed(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        Instant resumedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
