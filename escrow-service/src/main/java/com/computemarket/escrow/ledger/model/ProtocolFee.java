package com.computemarket.escrow.ledger.model;

import java.math.BigInteger;

/**
 * The protocol's share of a lease's escrow, in basis points, rounded down in the provider's favour. What a lease
 * costs is {@link com.computemarket.events.LeasePricing}, shared with matching.
 */
public final class ProtocolFee {

    public static final int BASIS_POINTS = 10_000;

    /** {@code escrow * feeBps / 10000}, rounded down. */
    public static BigInteger of(BigInteger escrow, int feeBps) {
        if (feeBps < 0 || feeBps > BASIS_POINTS) {
            throw new IllegalArgumentException("fee must be 0 to 10000 basis points, was " + feeBps);
        }
        return escrow.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(BASIS_POINTS));
    }

    private ProtocolFee() {
    }
}
