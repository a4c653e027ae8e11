package com.computemarket.matching.providers.application;

import com.computemarket.events.ReputationUpdated;
import com.computemarket.events.StakeBonded;
import com.computemarket.events.StakeReduced;
import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.CollateralShare;
import com.computemarket.matching.providers.model.Node;
import com.computemarket.matching.providers.model.ProviderProfile;
import com.computemarket.matching.providers.persistence.ActiveLeaseCollateral;
import com.computemarket.matching.providers.persistence.NodeCapacity;
import com.computemarket.matching.providers.persistence.ProviderRepository;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Registers capacity and keeps the local copies of stake and reputation that bids are judged on. */
@Service
public class ProviderService {

    private final ProviderRepository providers;
    private final NodeCapacity capacity;
    private final ActiveLeaseCollateral activeLeaseCollateral;
    private final CollateralShare collateral;
    private final IdGenerator ids;
    private final Clock clock;

    ProviderService(ProviderRepository providers, NodeCapacity capacity, ActiveLeaseCollateral activeLeaseCollateral,
            CollateralShare collateral, IdGenerator ids, Clock clock) {
        this.providers = providers;
        this.capacity = capacity;
        this.activeLeaseCollateral = activeLeaseCollateral;
        this.collateral = collateral;
        this.ids = ids;
        this.clock = clock;
    }

    /** @throws com.computemarket.matching.providers.model.NodeNameTaken if the provider has a node of that name */
    @Transactional
    public NodeView registerNode(String provider, RegisterNode command) {
        ProviderProfile profile = load(provider);
        Node node = profile.registerNode(ids.next(), command.name(), command.capacity(), command.gpuModel(),
                command.gpuVramMb(), command.region(), command.attributes(), clock.instant());
        return NodeView.of(node);
    }

    @Transactional(readOnly = true)
    public ProviderView view(String provider) {
        return providers.findById(provider)
                .map(profile -> new ProviderView(profile.address(), profile.bondedStake().toString(),
                        profile.reputationScore(), profile.nodes().stream().map(NodeView::of).toList()))
                .orElseGet(() -> new ProviderView(provider, BigInteger.ZERO.toString(),
                        ProviderProfile.DEFAULT_REPUTATION_SCORE, List.of()));
    }

    /**
     * Joins the caller's transaction, so a bid or an auction sees one consistent standing; with the collateral its
     * active leases lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public BidderStanding standingOf(String provider) {
        return providers.findById(provider)
                .map(ProviderProfile::standing)
                .orElseGet(() -> BidderStanding.unknown(provider))
                .lockingCollateral(activeLeaseCollateral.lockedBy(List.of(provider), collateral)
                        .getOrDefault(provider, BigInteger.ZERO));
    }

    /**
     * The standings of these bidders (by address; one never heard of gets {@link BidderStanding#unknown}) with their
     * nodes locked until commit: an award reads free capacity that no other award can take before this one commits.
     * Three queries whatever the number of bidders (nodes, profiles, their active leases' collateral). Must come
     * before anything else in the transaction reads them. The collateral is read after the node locks: another award
     * of one of these bidders, which holds the same locks, has committed its leases by then.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, BidderStanding> lockedStandingsOf(Collection<String> bidders) {
        if (bidders.isEmpty()) {
            return Map.of();
        }
        capacity.lockNodesOf(bidders);
        Map<String, BidderStanding> standings = new HashMap<>();
        providers.findWithNodesByAddressIn(bidders)
                .forEach(profile -> standings.put(profile.address(), profile.standing()));
        bidders.forEach(bidder -> standings.computeIfAbsent(bidder, BidderStanding::unknown));
        activeLeaseCollateral.lockedBy(bidders, collateral).forEach((provider, locked) ->
                standings.computeIfPresent(provider, (address, standing) -> standing.lockingCollateral(locked)));
        return standings;
    }

    /** Holds {@code needed} on the node for a lease; fails if the node has not that much free. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(UUID nodeId, ResourceSpec needed) {
        capacity.reserve(nodeId, needed);
    }

    /** Frees what a lease that has closed held on its node. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(UUID nodeId, ResourceSpec held) {
        capacity.release(nodeId, held);
    }

    /**
     * Every provider matching knows, as a bidder, with the collateral its active leases lock; a quote and an expiring
     * auction survey them all. Two queries whatever the number of providers.
     */
    @Transactional(readOnly = true)
    public List<BidderStanding> allStandings() {
        Map<String, BigInteger> locked = activeLeaseCollateral.lockedByAll(collateral);
        return providers.findAllWithNodes().stream().map(ProviderProfile::standing)
                .map(standing -> standing.lockingCollateral(locked.getOrDefault(standing.address(), BigInteger.ZERO)))
                .toList();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void noteStakeBonded(StakeBonded bonded) {
        load(bonded.provider()).noteStakeBonded(bonded.totalBonded());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void noteStakeReduced(StakeReduced reduced) {
        load(reduced.provider()).noteStakeReduced(reduced.totalBonded());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void noteReputationUpdated(ReputationUpdated updated) {
        load(updated.provider()).noteReputationUpdated(updated.score());
    }

    private ProviderProfile load(String provider) {
        providers.ensureExists(provider);
        return providers.findById(provider).orElseThrow();
    }
}
