package com.computemarket.escrow.ledger.model;

import java.math.BigInteger;

/**
 * The market's money arithmetic, in integer token base units. Every division rounds down: cost in the consumer's
 * favour, the protocol fee in the provider's favour.
 */
public final class Pricing {

    public static final int BASIS_POINTS = 10_000;
    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);

    /** {@code pricePerHour * seconds / 3600}, rounded down. */
    public static BigInteger cost(BigInteger pricePerHour, long seconds) {
        if (pricePerHour.signum() < 0 || seconds < 0) {
            throw new IllegalArgumentException("price and duration must not be negative");
        }
        return pricePerHour.multiply(BigInteger.valueOf(seconds)).divide(SECONDS_PER_HOUR);
    }

    /** What a job's hold must cover: every replica at the maximum price for the whole duration. */
    public static BigInteger hold(BigInteger maxPricePerHour, long durationSeconds, int replicas) {
        if (replicas <= 0) {
            throw new IllegalArgumentException("replicas must be positive, was " + replicas);
        }
        return BigInteger.valueOf(replicas).multiply(cost(maxPricePerHour, durationSeconds));
    }

    /** {@code escrow * feeBps / 10000}, rounded down. */
    public static BigInteger protocolFee(BigInteger escrow, int feeBps) {
        if (feeBps < 0 || feeBps > BASIS_POINTS) {
            throw new IllegalArgumentException("fee must be 0 to 10000 basis points, was " + feeBps);
        }
        return escrow.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(BASIS_POINTS));
    }

    private Pricing() {
    }
}
