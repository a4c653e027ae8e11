package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * An auction awarded one replica of a job to a provider at its bid price. {@code leasesInAward} is how many
 * leases this auction awarded in all, so that escrow knows when the whole hold has been turned into lease escrow.
 */
public record LeaseAwarded(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger pricePerHour,
        long durationSeconds,
        int leasesInAward,
        int replicas,
        VerificationMode verificationMode,
        Instant awardedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
