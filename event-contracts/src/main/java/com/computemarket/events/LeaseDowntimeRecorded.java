package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A lease's provider missed heartbeats from {@code downtimeStartedAt} (the last heartbeat plus the allowed interval)
 * to {@code downtimeEndedAt} (the next heartbeat, or the lease's close for heartbeat loss). Escrow refunds that time
 * to the consumer pro rata at the lease's price. Each stretch of downtime is recorded once; stretches never overlap.
 */
public record LeaseDowntimeRecorded(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        Instant downtimeStartedAt,
        Instant downtimeEndedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
