package com.computemarket.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Escrow refused to hold the funds of a newly posted job ({@link FundsHoldRejected}): the job ended REJECTED before it
 * ever opened, with escrow's stable {@code reason} (e.g. {@code INSUFFICIENT_FUNDS}). Nothing was held, so nothing is
 * released. A refused hold for a re-listing fails the job instead ({@link JobFailed}, reason
 * {@code RELIST_HOLD_REJECTED:<escrow's reason>}).
 */
public record JobRejected(UUID jobId, String consumer, String reason, Instant rejectedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
