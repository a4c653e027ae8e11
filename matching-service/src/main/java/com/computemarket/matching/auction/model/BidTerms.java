package com.computemarket.matching.auction.model;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.resources.NodeRequirement;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a provider's eligibility is judged against: who posts the job, what one replica needs of a node, the highest
 * price per hour, the lowest reputation score admitted, and how long a lease runs (its value sets the collateral). Taken from a stored job when bidding and at award, and from a spec
 * that is only being quoted, so both go through the same rules in {@link BidEligibilityPolicy}.
 */
public record BidTerms(String consumer, NodeRequirement requirement, BigInteger maxPricePerHour,
        int minReputation, Set<String> excludedProviders, long durationSeconds) {

    public BidTerms {
        excludedProviders = excludedProviders.stream().map(address -> address.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A stored job; {@code excludedProviders} failed or run one of its leases. */
    public static BidTerms of(Job job, Set<String> excludedProviders) {
        return new BidTerms(job.consumer(), job.nodeRequirement(), job.maxPricePerHour(), job.minReputation(),
                excludedProviders, job.durationSeconds());
    }

    /** A job only being quoted: nobody is excluded yet. */
    public static BidTerms of(String consumer, JobSpec spec) {
        return new BidTerms(consumer, spec.nodeRequirement(), spec.maxPricePerHour(), spec.minReputation(),
                Set.of(), spec.durationSeconds());
    }

    boolean excludes(String address) {
        return excludedProviders.contains(address.toLowerCase(Locale.ROOT));
    }

    boolean isPostedBy(String address) {
        return consumer.equalsIgnoreCase(address);
    }
}
