package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A paused lease's grace period ended without a top-up. Escrow has settled it (the provider is paid what it earned
 * until the pause, less the fee; the rest returned to the consumer; see the {@link SettlementRecorded} with the same
 * lease id) and accepts no verdict on it any more. Matching closes the lease with
 * {@link LeaseCloseReason#INSUFFICIENT_FUNDS}.
 */
public record LeaseFundingLapsed(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        Instant pausedAt,
        Instant lapsedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
