package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.util.UUID;

/**
 * A provider's bonded stake went down by {@code amount}; {@code totalBonded} is its bonded stake after this, counted
 * the same way as {@link StakeBonded#totalBonded()} (free stake plus collateral locked by its leases, not what is
 * unbonding). {@code leaseId} names the lease whose collateral was slashed, and is null for an unbonding.
 */
public record StakeReduced(
        String provider,
        StakeReductionCause cause,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger totalBonded,
        UUID leaseId) implements MarketEvent {

    @Override
    public String aggregateId() {
        return provider;
    }
}
