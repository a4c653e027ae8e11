package com.computemarket.escrow.funding.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** One lease of an auction's award, as matching announced it. */
public record Award(UUID leaseId, String consumer, String provider, BigInteger pricePerHour, long durationSeconds,
        int leasesInAward, Instant awardedAt) {
}
