package com.computemarket.matching.jobs.application;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.jobs.model.WorkloadKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A job as its consumer (or a provider holding one of its leases) sees it; money as decimal strings. An EXPIRED job's
 * {@code reason} counts its bids per cause (as {@code RULE=count,...}) and {@code providerSurvey} the providers
 * matching knew when the auction closed (null for any other job).
 */
public record JobView(
        UUID jobId,
        String consumer,
        JobStatus status,
        String reason,
        Resources resources,
        Workload workload,
        long durationSeconds,
        String maxPricePerHour,
        String holdAmount,
        int replicas,
        VerificationMode verificationMode,
        int biddingWindowSeconds,
        int minReputation,
        Instant postedAt,
        Instant biddingClosesAt,
        long bidsCount,
        List<LeaseSummary> leases,
        Set<String> regions,
        Map<String, String> attributes,
        Instant deadline,
        int listing,
        Instant cancelledAt,
        Integer closeWhenQualifiedBids,
        ProviderSurvey providerSurvey) {

    /**
     * Why nobody (or too few) could bid on an expired job: {@code couldBid} providers could have bid, the others are
     * counted under the first eligibility rule they failed at close (as a quote counts them).
     */
    public record ProviderSurvey(int couldBid, Map<String, Integer> reasons) {
    }

    public record Resources(int cpuMillicores, long memoryMb, int gpuCount, long storageGb, String gpuModel,
            int gpuVramMb) {
    }

    /**
     * {@code contentHash}: what the provider checks the fetched work against, a module's hash or a pinned image's
     * digest; null for an image named by tag only.
     */
    public record Workload(WorkloadKind kind, String reference, String command, String contentHash) {

        public static Workload of(com.computemarket.matching.jobs.model.Workload workload) {
            return new Workload(workload.kind(), workload.reference(), workload.command(),
                    workload.digest().orElse(null));
        }
    }

    public record LeaseSummary(UUID leaseId, String provider, String pricePerHour, String status, boolean funded,
            Instant awardedAt) {
    }
}
