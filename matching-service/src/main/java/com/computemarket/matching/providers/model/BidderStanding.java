package com.computemarket.matching.providers.model;

import java.math.BigInteger;
import java.util.List;

/** A provider's standing as a bidder: its stake, its score and each of its nodes with what is free on it. */
public record BidderStanding(String address, BigInteger bondedStake, int reputationScore, List<NodeOffer> nodes) {

    public BidderStanding {
        nodes = List.copyOf(nodes);
    }

    /** A provider matching has never heard of: no stake, no nodes, the default score. */
    public static BidderStanding unknown(String address) {
        return new BidderStanding(address, BigInteger.ZERO, ProviderProfile.DEFAULT_REPUTATION_SCORE, List.of());
    }
}
