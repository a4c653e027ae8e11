package com.computemarket.matching.auction.model;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.resources.NodeRequirement;
import java.math.BigInteger;

/**
 * What a provider's eligibility is judged against: who posts the job, what one replica needs of a node, the highest
 * price per hour, and the lowest reputation score admitted. Taken from a stored job when bidding and at award, and from a spec
 * that is only being quoted, so both go through the same rules in {@link BidEligibilityPolicy}.
 */
public record BidTerms(String consumer, NodeRequirement requirement, BigInteger maxPricePerHour,
        int minReputation) {

    public static BidTerms of(Job job) {
        return new BidTerms(job.consumer(), job.nodeRequirement(), job.maxPricePerHour(), job.minReputation());
    }

    public static BidTerms of(String consumer, JobSpec spec) {
        return new BidTerms(consumer, spec.nodeRequirement(), spec.maxPricePerHour(), spec.minReputation());
    }

    boolean isPostedBy(String address) {
        return consumer.equalsIgnoreCase(address);
    }
}
