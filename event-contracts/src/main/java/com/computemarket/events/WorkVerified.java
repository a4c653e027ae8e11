package com.computemarket.events;

import java.util.UUID;

/** Verification accepted the result a provider revealed for a lease. */
public record WorkVerified(UUID leaseId, UUID jobId, String provider, String resultDigest) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
