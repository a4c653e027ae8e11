package com.computemarket.matching.feed.application;

import com.computemarket.events.VerificationMode;
import java.time.Instant;
import java.util.UUID;

/** One open job in the feed; {@code cursor} is its position, to pass as {@code after} to read on from it. */
public record FeedItem(
        String cursor,
        UUID jobId,
        Resources resources,
        String maxPricePerHour,
        long durationSeconds,
        int replicas,
        VerificationMode verificationMode,
        Instant biddingClosesAt) {

    public record Resources(int cpuMillicores, long memoryMb, int gpuCount, long storageGb) {
    }
}
