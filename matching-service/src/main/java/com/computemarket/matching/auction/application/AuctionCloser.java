package com.computemarket.matching.auction.application;

import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.auction.model.Auction;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.NodePlacement;
import com.computemarket.matching.auction.model.AuctionOutcome;
import com.computemarket.matching.auction.model.BidStatus;
import com.computemarket.matching.auction.model.Offer;
import com.computemarket.matching.auction.persistence.BidRepository;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.NodeOffer;
import com.computemarket.messaging.EventOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes auctions whose window has ended, one job per transaction: claims the job with {@code FOR UPDATE SKIP
 * LOCKED} (so concurrent instances split the work and never award a job twice), locks the bidders' nodes, lets
 * {@link Auction} decide on free capacity that cannot change under it, reserves each winner's replica on its
 * best-fitting node ({@link NodePlacement}), then stores the leases and bids and appends LeaseAwarded per lease or
 * JobExpired to the outbox in the same transaction.
 */
@Service
public class AuctionCloser {

    private final JobRepository jobs;
    private final BidRepository bids;
    private final LeaseRepository leases;
    private final ProviderService providers;
    private final Auction auction;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final AuctionProperties properties;
    private final IdGenerator ids;
    private final Clock clock;
    private final MeterRegistry meters;

    AuctionCloser(JobRepository jobs, BidRepository bids, LeaseRepository leases, ProviderService providers,
            Auction auction, EventOutbox outbox, TransactionTemplate transaction, AuctionProperties properties,
            IdGenerator ids, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.bids = bids;
        this.leases = leases;
        this.providers = providers;
        this.auction = auction;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.ids = ids;
        this.clock = clock;
        this.meters = meters;
    }

    /** Closes up to the configured batch of due auctions; returns how many it closed. */
    public int closeDueAuctions() {
        int closed = 0;
        while (closed < properties.closeBatchSize() && Boolean.TRUE.equals(transaction.execute(status -> closeNext()))) {
            closed++;
        }
        return closed;
    }

    private boolean closeNext() {
        Instant now = clock.instant();
        return jobs.claimNextDueAuction(now).map(job -> {
            close(job, now);
            return true;
        }).orElse(false);
    }

    private List<String> failedProvidersOf(Job job) {
        return leases.findByJobIdOrderByAwardedAt(job.id()).stream()
                .filter(Lease::failed).map(Lease::provider).toList();
    }

    private void close(Job job, Instant now) {
        List<Bid> activeBids = bids.findByJobId(job.id()).stream()
                .filter(bid -> bid.status() == BidStatus.ACTIVE)
                .toList();
        // The bidders' nodes stay locked until commit: free capacity judged here cannot be taken by another award.
        List<BidderStanding> standings = providers.lockedStandingsOf(activeBids.stream().map(Bid::provider).toList());
        List<Offer> offers = IntStream.range(0, activeBids.size())
                .mapToObj(index -> new Offer(activeBids.get(index), standings.get(index)))
                .toList();
        switch (auction.close(job, leases.findProvidersByJobId(job.id()), offers)) {
            case AuctionOutcome.Awarded awarded -> {
                job.award();
                for (Offer winner : awarded.winners()) {
                    NodeOffer node = NodePlacement.bestFit(winner.bidder().nodes(), job.nodeRequirement())
                            .orElseThrow(() -> new IllegalStateException("a winner without a node that fits"));
                    providers.reserve(node.nodeId(), job.resources());
                    Lease lease = leases.save(Lease.award(ids.next(), job.id(), job.consumer(),
                            winner.bid().provider(), winner.bid().pricePerHour(), job.durationSeconds(),
                            node.nodeId(), now));
                    outbox.append(lease.awarded(awarded.winners().size(), job.replicas(), job.verificationMode()));
                }
                if (job.hasLostReplicasToRelist()) {
                    job.relistLostReplicas(failedProvidersOf(job), now).ifPresent(outbox::append);
                }
                meters.counter("matching.auctions.closed", "outcome", "awarded").increment();
            }
            case AuctionOutcome.Expired expired -> {
                outbox.append(job.expire(expired.reasons()));
                meters.counter("matching.auctions.closed", "outcome", "expired").increment();
            }
        }
    }
}
