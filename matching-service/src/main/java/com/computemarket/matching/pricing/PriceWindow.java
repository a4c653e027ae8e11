package com.computemarket.matching.pricing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * How far back a price chart looks and how wide its buckets are: 12 five-minute buckets for an hour, 24 hourly
 * buckets for a day, 28 six-hour buckets for a week. Buckets are aligned to multiples of their width since the epoch
 * (UTC), so two charts drawn a moment apart share their bucket boundaries; the last bucket is the one running now.
 */
public enum PriceWindow {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(5)),
    DAY("24h", Duration.ofDays(1), Duration.ofHours(1)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(6));

    private final String wireName;
    private final Duration length;
    private final Duration bucketWidth;

    PriceWindow(String wireName, Duration length, Duration bucketWidth) {
        this.wireName = wireName;
        this.length = length;
        this.bucketWidth = bucketWidth;
    }

    public String wireName() {
        return wireName;
    }

    public Duration bucketWidth() {
        return bucketWidth;
    }

    public int bucketCount() {
        return (int) (length.toSeconds() / bucketWidth.toSeconds());
    }

    /** End (exclusive) of the bucket that contains {@code now}: where the chart ends. */
    public Instant endAt(Instant now) {
        long width = bucketWidth.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), width) * width + width);
    }

    public static Optional<PriceWindow> fromWireName(String name) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(name)).findFirst();
    }
}
