package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

/**
 * A provider's standing as a bidder: its stake, its score, each of its nodes with what is free on it, and
 * {@code lockedCollateral}, what its active leases lock of its bonded stake ({@link CollateralShare}), so that
 * {@link #freeStake()} is what is left to back another lease.
 */
public record BidderStanding(String address, BigInteger bondedStake, int reputationScore, List<NodeOffer> nodes,
        BigInteger lockedCollateral) {

    public BidderStanding {
        nodes = List.copyOf(nodes);
        if (lockedCollateral.signum() < 0) {
            throw new IllegalArgumentException("locked collateral cannot be negative");
        }
    }

    /** A standing whose leases lock nothing (none is active, or collateral is 0 basis points). */
    public BidderStanding(String address, BigInteger bondedStake, int reputationScore, List<NodeOffer> nodes) {
        this(address, bondedStake, reputationScore, nodes, BigInteger.ZERO);
    }

    /**
     * Bonded stake not locked as collateral; negative when a slash took bonded stake below what is locked (escrow
     * records locks that way: escrow's bonded stake counts its locked collateral).
     */
    public BigInteger freeStake() {
        return bondedStake.subtract(lockedCollateral);
    }

    /**
     * The same standing once another lease locks {@code collateral}: what an auction sees after an earlier auction
     * of the same transaction awarded this provider a lease, or a standing loaded with its active leases' collateral.
     */
    public BidderStanding lockingCollateral(BigInteger collateral) {
        return new BidderStanding(address, bondedStake, reputationScore, nodes, lockedCollateral.add(collateral));
    }

    /**
     * The same standing once a lease holds {@code needed} on node {@code nodeId}: what an auction sees after an
     * earlier auction of the same transaction placed a replica there.
     */
    public BidderStanding reserve(UUID nodeId, ResourceSpec needed) {
        return new BidderStanding(address, bondedStake, reputationScore, nodes.stream()
                .map(node -> node.nodeId().equals(nodeId) ? node.reserve(needed) : node)
                .toList(), lockedCollateral);
    }

    /** A provider matching has never heard of: no stake, no nodes, the default score. */
    public static BidderStanding unknown(String address) {
        return new BidderStanding(address, BigInteger.ZERO, ProviderProfile.DEFAULT_REPUTATION_SCORE, List.of());
    }
}
