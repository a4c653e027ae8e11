package com.computemarket.matching.auction.application;

import com.computemarket.events.JobExpired;
import com.computemarket.events.MarketEvent;
import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.auction.model.Auction;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import com.computemarket.matching.auction.model.BidTerms;
import com.computemarket.matching.auction.model.EligibilitySurvey;
import com.computemarket.matching.auction.model.NodePlacement;
import com.computemarket.matching.auction.model.AuctionOutcome;
import com.computemarket.matching.auction.model.Offer;
import com.computemarket.matching.auction.persistence.BidOutcomes;
import com.computemarket.matching.auction.persistence.BidRepository;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.jobs.persistence.DueAuctions;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.matching.providers.model.BidderStanding;
import com.computemarket.matching.providers.model.CollateralShare;
import com.computemarket.matching.providers.model.NodeOffer;
import com.computemarket.matching.resources.ResourceSpec;
import com.computemarket.messaging.EventOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes auctions whose window has ended, a batch of jobs per transaction: claims up to
 * {@code matching.auction.close-batch-size} due jobs with {@code FOR UPDATE SKIP LOCKED} (so concurrent instances
 * split the work and never award a job twice), loads their open bids and locks all their bidders' nodes in one go,
 * then closes the jobs one after the other: {@link Auction} decides each on free capacity that cannot change under
 * it (locked, and carried from one job of the batch to the next), each winner's replica goes to its best-fitting
 * node ({@link NodePlacement}), and the leases, bids and LeaseAwarded or JobExpired events are written in the same
 * transaction. What the batch placed on each node is reserved with one conditional update per node before commit,
 * which fails the whole batch if the node has not that much free. Round trips are what a batch costs on a busy
 * database, so the batch's bid outcomes go out as one versioned update ({@link BidOutcomes}) and its events as one
 * outbox insert. A scan claims batch after batch while they come back full, so a backlog is worked off without
 * pausing. A job that expires carries the survey of every provider matching knows, judged as a quote judges them
 * with what the closer sees at that point (bidders' carried standings); the providers are loaded once per batch,
 * and only if one of its jobs expires. Each award's collateral counts against its winner's free stake for the later
 * auctions of the batch, as its node reservation counts against the node.
 */
@Service
public class AuctionCloser {

    private static final Logger log = LoggerFactory.getLogger(AuctionCloser.class);

    private final JobRepository jobs;
    private final DueAuctions dueAuctions;
    private final BidRepository bids;
    private final BidOutcomes bidOutcomes;
    private final LeaseRepository leases;
    private final ProviderService providers;
    private final Auction auction;
    private final BidEligibilityPolicy eligibility;
    private final CollateralShare collateral;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final EntityManager entityManager;
    private final AuctionProperties properties;
    private final IdGenerator ids;
    private final Clock clock;
    private final MeterRegistry meters;

    AuctionCloser(JobRepository jobs, DueAuctions dueAuctions, BidRepository bids, BidOutcomes bidOutcomes, LeaseRepository leases,
            ProviderService providers, Auction auction, BidEligibilityPolicy eligibility, CollateralShare collateral,
            EventOutbox outbox, TransactionTemplate transaction, EntityManager entityManager,
            AuctionProperties properties, IdGenerator ids, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.dueAuctions = dueAuctions;
        this.bids = bids;
        this.bidOutcomes = bidOutcomes;
        this.leases = leases;
        this.providers = providers;
        this.auction = auction;
        this.eligibility = eligibility;
        this.collateral = collateral;
        this.outbox = outbox;
        this.transaction = transaction;
        this.entityManager = entityManager;
        this.properties = properties;
        this.ids = ids;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Closes due auctions, batch after batch while batches come back full; returns how many it closed. A batch that
     * fails is closed again one job per transaction, so one job that cannot be closed holds back only itself.
     */
    public int closeDueAuctions() {
        int closed = 0;
        int batch;
        do {
            List<UUID> claimed = new ArrayList<>();
            try {
                batch = Objects.requireNonNull(transaction.execute(status -> closeBatch(claimBatch(claimed))));
            } catch (RuntimeException batchFailure) {
                log.warn("closing a batch of {} auctions failed; closing them one by one", claimed.size(),
                        batchFailure);
                batch = closeOneByOne(claimed);
            }
            closed += batch;
        } while (batch == properties.closeBatchSize());
        return closed;
    }

    /** When the earliest window of an OPEN job ends (or ended: a due job another transaction holds), if any. */
    public Optional<Instant> nextWindowEnd() {
        return jobs.findEarliestWindowEndOfOpenJobs();
    }

    private List<Job> claimBatch(List<UUID> claimed) {
        List<Job> due = dueAuctions.claim(clock.instant(), properties.closeBatchSize());
        due.forEach(job -> claimed.add(job.id()));
        return due;
    }

    private int closeOneByOne(List<UUID> jobIds) {
        int closed = 0;
        for (UUID jobId : jobIds) {
            try {
                closed += Objects.requireNonNull(transaction.execute(status -> jobs.findForUpdate(jobId)
                        .filter(job -> job.status() == JobStatus.OPEN && !job.acceptsBidsAt(clock.instant()))
                        .map(job -> closeBatch(List.of(job)))
                        .orElse(0)));
            } catch (RuntimeException jobFailure) {
                // Left OPEN and due: the next scan tries it again, and an operator sees it in the log and the metric.
                log.error("closing the auction of job {} failed", jobId, jobFailure);
                meters.counter("matching.auctions.close.failures").increment();
            }
        }
        return closed;
    }

    private int closeBatch(List<Job> due) {
        Instant now = clock.instant();
        if (due.isEmpty()) {
            return 0;
        }
        List<UUID> jobIds = due.stream().map(Job::id).toList();
        Map<UUID, List<Bid>> activeBids = bids.findOpenForClosing(jobIds).stream()
                .collect(Collectors.groupingBy(Bid::jobId));
        Map<UUID, Set<String>> leaseHolders = leases.findProvidersByJobIdIn(jobIds).stream()
                .collect(Collectors.groupingBy(LeaseRepository.JobLeaseHolder::getJobId,
                        Collectors.mapping(LeaseRepository.JobLeaseHolder::getProvider, Collectors.toSet())));
        // The bidders' nodes stay locked until commit: free capacity judged here cannot be taken by another award,
        // and what this batch reserves is carried in the standings from one auction to the next.
        Map<String, BidderStanding> standings = providers.lockedStandingsOf(activeBids.values().stream()
                .flatMap(List::stream).map(Bid::provider).collect(Collectors.toCollection(TreeSet::new)));
        Map<UUID, ResourceSpec> placedOnNode = new TreeMap<>();
        List<MarketEvent> events = new ArrayList<>();
        KnownProviders knownProviders = new KnownProviders();
        for (Job job : due) {
            close(job, activeBids.getOrDefault(job.id(), List.of()),
                    leaseHolders.getOrDefault(job.id(), Set.of()), standings, knownProviders, placedOnNode, events,
                    now);
        }
        placedOnNode.forEach(providers::reserve);
        bidOutcomes.record(activeBids.values().stream().flatMap(List::stream).toList());
        // One insert for the whole batch's events instead of a round trip per event; published in this order.
        outbox.appendAll(events);
        return due.size();
    }

    private List<String> failedProvidersOf(Job job) {
        return leases.findByJobIdOrderByAwardedAt(job.id()).stream()
                .filter(Lease::failed).map(Lease::provider).toList();
    }

    private void close(Job job, List<Bid> activeBids, Set<String> leaseHolders, Map<String, BidderStanding> standings,
            KnownProviders knownProviders, Map<UUID, ResourceSpec> placedOnNode, List<MarketEvent> events,
            Instant now) {
        List<Offer> offers = activeBids.stream()
                .map(bid -> new Offer(bid, standings.get(bid.provider())))
                .toList();
        switch (auction.close(job, leaseHolders, offers)) {
            case AuctionOutcome.Awarded awarded -> {
                job.award();
                for (Offer winner : awarded.winners()) {
                    NodeOffer node = NodePlacement.bestFit(winner.bidder().nodes(), job.nodeRequirement())
                            .orElseThrow(() -> new IllegalStateException("a winner without a node that fits"));
                    placedOnNode.merge(node.nodeId(), job.resources(), ResourceSpec::plus);
                    String provider = winner.bid().provider();
                    // The lease's collateral is locked from now on: the provider's later auctions of this batch see
                    // it as they see the node's capacity taken.
                    standings.put(provider, standings.get(provider).reserve(node.nodeId(), job.resources())
                            .lockingCollateral(collateral.of(winner.bid().pricePerHour(), job.durationSeconds())));
                    // Persisted, not merged: the lease is new, and a merge would first look for it by id.
                    Lease lease = Lease.award(ids.next(), job.id(), job.consumer(), provider,
                            winner.bid().pricePerHour(), job.durationSeconds(), node.nodeId(), now);
                    entityManager.persist(lease);
                    events.add(lease.awarded(awarded.winners().size(), job.replicas(), job.verificationMode()));
                }
                if (job.hasLostReplicasToRelist()) {
                    job.relistLostReplicas(failedProvidersOf(job), now).ifPresent(events::add);
                }
                meters.counter("matching.auctions.closed", "outcome", "awarded").increment();
            }
            case AuctionOutcome.Expired expired -> {
                EligibilitySurvey survey = eligibility.survey(BidTerms.of(job, leaseHolders),
                        knownProviders.atClose(standings));
                Map<String, Integer> providerReasons = new TreeMap<>();
                survey.reasons().forEach((reason, count) -> providerReasons.put(reason.name(), count));
                events.add(job.expire(expired.reasons(),
                        new JobExpired.ProviderSurvey(survey.couldBid(), providerReasons)));
                meters.counter("matching.auctions.closed", "outcome", "expired").increment();
            }
        }
    }

    /**
     * Every provider matching knows, loaded at the first expiry of a batch and reused by the batch's later expiries
     * (one query per batch, never one per job).
     */
    private final class KnownProviders {

        private List<BidderStanding> loaded;

        /**
         * Each known provider as the closer sees it now: a bidder of the batch with its carried standing (nodes and
         * collateral earlier auctions of the batch took), anyone else as loaded.
         */
        List<BidderStanding> atClose(Map<String, BidderStanding> carried) {
            if (loaded == null) {
                loaded = providers.allStandings();
            }
            List<BidderStanding> atClose = new ArrayList<>(loaded.size());
            for (BidderStanding provider : loaded) {
                atClose.add(carried.getOrDefault(provider.address(), provider));
            }
            return atClose;
        }
    }
}
