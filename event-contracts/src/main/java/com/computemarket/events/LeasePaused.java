package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * The consumer's balance can no longer keep a running lease's escrow funded, so escrow paused it: from
 * {@code pausedAt} nothing accrues to the provider (who should stop work) until the consumer tops up. Depositing
 * {@code shortfall} more into the consumer's available balance before {@code graceEndsAt} resumes it
 * ({@link LeaseResumed}); otherwise escrow settles what was earned and emits {@link LeaseFundingLapsed}.
 */
public record LeasePaused(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger shortfall,
        Instant pausedAt,
        Instant graceEndsAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
