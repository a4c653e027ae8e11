package com.computemarket.matching.providers.model;

import com.computemarket.matching.resources.ResourceSpec;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A provider: its registered nodes and the copies of its bonded stake and reputation that matching keeps to judge
 * bids. Created on the first thing matching hears about the provider (a node, a stake, a score).
 */
@Entity
@Table(name = "provider")
public class ProviderProfile {

    /** Reputation of a provider nobody has scored yet, on reputation-service's 0..1000 scale. */
    public static final int DEFAULT_REPUTATION_SCORE = 500;
    public static final int MAX_REPUTATION_SCORE = 1000;

    @Id
    private String address;

    @Column(name = "bonded_stake", nullable = false, precision = 78)
    private BigInteger bondedStake;

    @Column(name = "reputation_score", nullable = false)
    private int reputationScore;

    @OneToMany(mappedBy = "provider", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    @OrderBy("registeredAt ASC")
    private List<Node> nodes = new ArrayList<>();

    @Version
    private long version;

    protected ProviderProfile() {
    }

    private ProviderProfile(String address) {
        this.address = address;
        this.bondedStake = BigInteger.ZERO;
        this.reputationScore = DEFAULT_REPUTATION_SCORE;
    }

    public static ProviderProfile firstSeen(String address) {
        return new ProviderProfile(address);
    }

    /** Registers a node; names are unique per provider so that an agent can tell its nodes apart. */
    public Node registerNode(UUID nodeId, String name, ResourceSpec capacity, String gpuModel, int gpuVramMb,
            String region, Map<String, String> attributes, Instant now) {
        if (nodes.stream().anyMatch(node -> node.name().equals(name))) {
            throw new NodeNameTaken(name);
        }
        Node node = new Node(nodeId, this, name, capacity, gpuModel, gpuVramMb, region, attributes, now);
        nodes.add(node);
        return node;
    }

    /** Escrow bonded more stake; {@code totalBonded} is the provider's whole bonded stake after it. */
    public void noteStakeBonded(BigInteger totalBonded) {
        noteBondedStake(totalBonded);
    }

    /** Escrow took stake away (unbonding or slashing); {@code totalBonded} is what stays bonded. */
    public void noteStakeReduced(BigInteger totalBonded) {
        noteBondedStake(totalBonded);
    }

    // Escrow's events on a provider arrive in order (one key), and each carries the total: the latest is the truth.
    private void noteBondedStake(BigInteger totalBonded) {
        if (totalBonded.signum() < 0) {
            throw new IllegalArgumentException("bonded stake cannot be negative");
        }
        this.bondedStake = totalBonded;
    }

    public void noteReputationUpdated(int score) {
        this.reputationScore = Math.clamp(score, 0, MAX_REPUTATION_SCORE);
    }

    /** What a bid of this provider is judged on. */
    public BidderStanding standing() {
        return new BidderStanding(address, bondedStake, reputationScore,
                nodes.stream().map(Node::offer).toList());
    }

    public String address() {
        return address;
    }

    public BigInteger bondedStake() {
        return bondedStake;
    }

    public int reputationScore() {
        return reputationScore;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }
}
