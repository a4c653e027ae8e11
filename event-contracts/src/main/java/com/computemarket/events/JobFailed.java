package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A job ended without all its replicas run, and will not be tried again: a lease failed and the job's deadline left
 * no time to re-list it, or escrow refused the hold for a re-listing. {@code reason} is a stable code such as
 * {@code DEADLINE_TOO_CLOSE_TO_RELIST} or {@code RELIST_HOLD_REJECTED:INSUFFICIENT_FUNDS}. Leases of the job still
 * running are not affected and settle as usual.
 */
public record JobFailed(UUID jobId, String consumer, String reason, Instant failedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
