package com.computemarket.matching.providers.model;

import com.computemarket.events.LeasePricing;
import java.math.BigInteger;

/**
 * The collateral escrow locks from a provider's free stake while a lease runs: {@code bps} basis points of the
 * lease's value, computed exactly as escrow computes it (escrow's {@code LeaseCollateral.lock}: the value
 * {@code cost(pricePerHour, durationSeconds)} rounded down first, then {@code value × bps / 10000} rounded down). The
 * basis points must equal escrow's {@code escrow.stake.collateral-bps}: matching refuses a provider whose free stake
 * would not cover what escrow is about to lock.
 */
public record CollateralShare(int bps) {

    private static final BigInteger BASIS_POINTS = BigInteger.valueOf(10_000);

    public CollateralShare {
        if (bps < 0 || bps > 10_000) {
            throw new IllegalArgumentException("collateral must be 0 to 10000 basis points, was " + bps);
        }
    }

    /** What a lease at {@code pricePerHour} for {@code durationSeconds} locks. */
    public BigInteger of(BigInteger pricePerHour, long durationSeconds) {
        return LeasePricing.cost(pricePerHour, durationSeconds).multiply(BigInteger.valueOf(bps)).divide(BASIS_POINTS);
    }
}
