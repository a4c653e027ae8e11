package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;

/** A provider's standing as a bidder: its stake, its score and the capacity of each of its nodes. */
public record BidderStanding(String address, BigInteger bondedStake, int reputationScore,
        List<ResourceSpec> nodeCapacities) {

    public BidderStanding {
        nodeCapacities = List.copyOf(nodeCapacities);
    }

    /** A provider matching has never heard of: no stake, no nodes, the default score. */
    public static BidderStanding unknown(String address) {
        return new BidderStanding(address, BigInteger.ZERO, ProviderProfile.DEFAULT_REPUTATION_SCORE, List.of());
    }

    public boolean hasNodeCovering(ResourceSpec needed) {
        return nodeCapacities.stream().anyMatch(capacity -> capacity.covers(needed));
    }
}
