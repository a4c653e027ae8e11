package com.computemarket.escrow.funding.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * One stretch of a lease's missed heartbeats as escrow recorded it: {@code seconds} of it fell within the lease,
 * {@code refunded} went back to the consumer from the lease's escrow (never more than the escrow held then).
 */
public record LeaseDowntime(UUID leaseId, Instant startedAt, Instant endedAt, long seconds, BigInteger refunded,
        Instant recordedAt) {
}
