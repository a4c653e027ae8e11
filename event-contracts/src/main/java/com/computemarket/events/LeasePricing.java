package com.computemarket.events;

import java.math.BigInteger;

/**
 * What the amounts in {@link JobPosted} and {@link LeaseAwarded} cost, to the unit: matching shows it, escrow holds
 * and funds it, so both sides of the events compute it here. Prices are per hour in token base units; integer
 * division rounds down, in the consumer's favour.
 */
public final class LeasePricing {
    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);

    /** {@code pricePerHour * seconds / 3600}, rounded down. */
    public static BigInteger cost(BigInteger pricePerHour, long seconds) {
        if (pricePerHour.signum() < 0 || seconds < 0) {
            throw new IllegalArgumentException("price and duration must not be negative");
        }
        return pricePerHour.multiply(BigInteger.valueOf(seconds)).divide(SECONDS_PER_HOUR);
    }

    /** What escrow holds when a job is posted: every replica at the job's maximum price for the whole duration. */
    public static BigInteger hold(BigInteger maxPricePerHour, long durationSeconds, int replicas) {
        if (replicas <= 0) {
            throw new IllegalArgumentException("replicas must be positive, was " + replicas);
        }
        return BigInteger.valueOf(replicas).multiply(cost(maxPricePerHour, durationSeconds));
    }

    private LeasePricing() {
    }
}
