package com.computemarket.matching.feed.application;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.application.JobView;
import java.time.Instant;
import java.util.UUID;

/**
 * One open job in the feed; {@code cursor} is its position, to pass as {@code after} to read on from it. {@code workload}
 * is what the job runs, with the hash the provider's agent checks the fetched module or image against.
 */
public record FeedItem(
        String cursor,
        UUID jobId,
        Resources resources,
        String maxPricePerHour,
        long durationSeconds,
        int replicas,
        VerificationMode verificationMode,
        Instant biddingClosesAt,
        JobView.Workload workload) {

    public record Resources(int cpuMillicores, long memoryMb, int gpuCount, long storageGb) {
    }
}
