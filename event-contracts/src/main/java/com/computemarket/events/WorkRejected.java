package com.computemarket.events;

import java.util.UUID;

/**
 * Verification rejected a lease's result. {@code reason} is a stable code (e.g. {@code OUTVOTED},
 * {@code COMMITMENT_MISMATCH}); {@code evidence} says what was compared.
 */
public record WorkRejected(UUID leaseId, UUID jobId, String provider, String reason, String evidence)
        implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
