package com.computemarket.matching.pricing.application;

import com.computemarket.events.LeasePricing;
import com.computemarket.matching.pricing.PricePercentiles;
import com.computemarket.matching.pricing.PriceWindow;
import com.computemarket.matching.pricing.ResourceClass;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The market's price history for charts: the clearing prices (each awarded lease's price per hour) of a resource
 * class, bucketed over a window, summarised with {@link PricePercentiles} (the same percentiles a quote uses) and the
 * volume awarded. Read straight from the lease and job tables: a lease is an award whatever became of it later.
 */
@Service
public class MarketPriceIndex {

    private final JdbcClient jdbc;
    private final Clock clock;

    MarketPriceIndex(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public MarketPrices prices(ResourceClass resourceClass, PriceWindow window) {
        Instant to = window.endAt(clock.instant());
        Duration width = window.bucketWidth();
        Instant from = to.minus(width.multipliedBy(window.bucketCount()));
        List<List<Award>> awardsByBucket = new ArrayList<>();
        for (int bucket = 0; bucket < window.bucketCount(); bucket++) {
            awardsByBucket.add(new ArrayList<>());
        }
        jdbc.sql("""
                        select l.awarded_at, l.price_per_hour, l.duration_seconds
                        from lease l join job j on j.id = l.job_id
                        where j.resource_class = :resourceClass
                          and l.awarded_at >= :from and l.awarded_at < :to
                        """)
                .param("resourceClass", resourceClass.wireName())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, rowNumber) -> new Award(row.getTimestamp("awarded_at").toInstant(),
                        row.getBigDecimal("price_per_hour").toBigIntegerExact(), row.getLong("duration_seconds")))
                .list()
                .forEach(award -> awardsByBucket
                        .get((int) (Duration.between(from, award.awardedAt()).toSeconds() / width.toSeconds()))
                        .add(award));
        List<MarketPrices.Bucket> buckets = new ArrayList<>();
        for (int bucket = 0; bucket < window.bucketCount(); bucket++) {
            Instant start = from.plus(width.multipliedBy(bucket));
            buckets.add(summarise(start, start.plus(width), awardsByBucket.get(bucket)));
        }
        return new MarketPrices(resourceClass.wireName(), window.wireName(), width.toSeconds(), from, to, buckets);
    }

    private static MarketPrices.Bucket summarise(Instant start, Instant end, List<Award> awards) {
        BigInteger priceHours = awards.stream()
                .map(award -> LeasePricing.cost(award.pricePerHour(), award.durationSeconds()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        MarketPrices.Volume volume = new MarketPrices.Volume(awards.size(), priceHours.toString());
        return PricePercentiles.of(awards.stream().map(Award::pricePerHour).toList())
                .map(percentiles -> new MarketPrices.Bucket(start, end, percentiles.p10().toString(),
                        percentiles.median().toString(), percentiles.p90().toString(), volume))
                .orElseGet(() -> new MarketPrices.Bucket(start, end, null, null, null, volume));
    }

    private record Award(Instant awardedAt, BigInteger pricePerHour, long durationSeconds) {
    }
}
