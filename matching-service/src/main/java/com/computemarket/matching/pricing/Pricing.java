package com.computemarket.matching.pricing;

import java.math.BigInteger;

/** Cost of compute time in token base units; integer arithmetic only, so matching and escrow agree to the unit. */
public final class Pricing {

    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);

    /** {@code pricePerHour * seconds / 3600}, rounded down (in the consumer's favour). */
    public static BigInteger cost(BigInteger pricePerHour, long seconds) {
        if (pricePerHour.signum() < 0 || seconds < 0) {
            throw new IllegalArgumentException("price and duration must not be negative");
        }
        return pricePerHour.multiply(BigInteger.valueOf(seconds)).divide(SECONDS_PER_HOUR);
    }

    /** What escrow holds when a job is posted: every replica at the job's maximum price. */
    public static BigInteger hold(BigInteger maxPricePerHour, long durationSeconds, int replicas) {
        return cost(maxPricePerHour, durationSeconds).multiply(BigInteger.valueOf(replicas));
    }

    private Pricing() {
    }
}
