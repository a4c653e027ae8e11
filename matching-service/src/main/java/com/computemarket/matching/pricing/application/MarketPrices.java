package com.computemarket.matching.pricing.application;

import java.time.Instant;
import java.util.List;

/**
 * Clearing prices of one resource class over a window, bucket by bucket, oldest first. Money in token base units as
 * decimal strings; the percentiles are null in a bucket without awards.
 */
public record MarketPrices(String resourceClass, String window, long bucketSeconds, Instant from, Instant to,
        List<Bucket> buckets) {

    /**
     * @param start  inclusive
     * @param end    exclusive
     * @param p10    nearest-rank 10th percentile of the price per hour of the leases awarded in the bucket
     * @param volume how much was awarded in the bucket
     */
    public record Bucket(Instant start, Instant end, String p10, String median, String p90, Volume volume) {
    }

    /**
     * @param awards     leases awarded (one per winning bid)
     * @param priceHours the sum over those leases of price per hour x hours leased, i.e. of their escrow amounts
     */
    public record Volume(long awards, String priceHours) {
    }
}
