package com.computemarket.matching.pricing;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The 10th percentile, median and 90th percentile of a sample of prices per hour, by the nearest-rank method: each
 * is one of the observed prices, never an average, so the figures stay exact integer base units.
 */
public record PricePercentiles(BigInteger p10, BigInteger median, BigInteger p90) {

    /** Empty when there are no prices to summarise. */
    public static Optional<PricePercentiles> of(List<BigInteger> prices) {
        if (prices.isEmpty()) {
            return Optional.empty();
        }
        List<BigInteger> sorted = prices.stream().sorted().toList();
        return Optional.of(new PricePercentiles(nearestRank(sorted, 10), nearestRank(sorted, 50),
                nearestRank(sorted, 90)));
    }

    /** The smallest price with at least {@code percent}% of the sample at or below it. */
    private static BigInteger nearestRank(List<BigInteger> sorted, int percent) {
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
