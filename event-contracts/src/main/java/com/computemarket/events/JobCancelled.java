package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The consumer cancelled the job: no further bids, awards or re-listings. Escrow releases whatever the job still holds
 * for auctions to the consumer's available balance. The job's running leases are closed in the same transaction, each
 * with its own {@link LeaseClosed} ({@link LeaseCloseReason#CONSUMER_CANCELLED}), and escrow settles those one by one:
 * the provider keeps what the lease earned until {@code cancelledAt}, minus the protocol fee, and the rest returns.
 */
public record JobCancelled(UUID jobId, String consumer, Instant cancelledAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
