package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

/** A provider's standing as a bidder: its stake, its score and each of its nodes with what is free on it. */
public record BidderStanding(String address, BigInteger bondedStake, int reputationScore, List<NodeOffer> nodes) {

    public BidderStanding {
        nodes = List.copyOf(nodes);
    }

    /**
     * The same standing once a lease holds {@code needed} on node {@code nodeId}: what an auction sees after an
     * earlier auction of the same transaction placed a replica there.
     */
    public BidderStanding reserve(UUID nodeId, ResourceSpec needed) {
        return new BidderStanding(address, bondedStake, reputationScore, nodes.stream()
                .map(node -> node.nodeId().equals(nodeId) ? node.reserve(needed) : node)
                .toList());
    }

    /** A provider matching has never heard of: no stake, no nodes, the default score. */
    public static BidderStanding unknown(String address) {
        return new BidderStanding(address, BigInteger.ZERO, ProviderProfile.DEFAULT_REPUTATION_SCORE, List.of());
    }
}
