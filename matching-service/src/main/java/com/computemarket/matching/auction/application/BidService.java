package com.computemarket.matching.auction.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
import com.computemarket.matching.auction.model.BidStatus;
import com.computemarket.matching.auction.model.Ineligibility;
import com.computemarket.matching.auction.persistence.BidRepository;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.providers.application.ProviderService;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places, amends or withdraws a provider's one bid on a job, if the eligibility policy lets it, and shows a provider
 * its own bid (bids are sealed: nobody sees another provider's).
 */
@Service
public class BidService {

    private final JobRepository jobs;
    private final BidRepository bids;
    private final LeaseRepository leases;
    private final ProviderService providers;
    private final BidEligibilityPolicy eligibility;
    private final AuctionProperties properties;
    private final IdGenerator ids;
    private final Clock clock;

    BidService(JobRepository jobs, BidRepository bids, LeaseRepository leases, ProviderService providers,
            BidEligibilityPolicy eligibility, AuctionProperties properties, IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.bids = bids;
        this.leases = leases;
        this.providers = providers;
        this.eligibility = eligibility;
        this.properties = properties;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The job row stays locked until commit: the auction closer (which skips locked jobs) cannot close the auction
     * halfway through a bid, and two bids of one provider cannot both insert. Bids on one job therefore run one
     * after the other, so the count of its open bids read here is exact: the bound holds under concurrent bidding.
     */
    @Transactional
    public PlacedBid place(String provider, UUID jobId, BigInteger pricePerHour) {
        // A job that never reached the feed (still unfunded, or refused by escrow) is nobody's business but its
        // consumer's: answer as for an unknown id rather than confirm that it exists.
        Job job = jobs.findForUpdate(jobId)
                .filter(found -> found.status() != JobStatus.PENDING_FUNDS && found.status() != JobStatus.REJECTED)
                .orElseThrow(() -> new NotFoundOrNotYours("job", jobId, "jobId"));
        Instant now = clock.instant();
        Optional<Ineligibility> ineligible = eligibility.toPlace(job, leases.findProvidersByJobId(jobId),
                providers.standingOf(provider), pricePerHour, now);
        if (ineligible.isPresent()) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ineligible.get().slug(),
                    ineligible.get().description(), ineligible.get().field());
        }
        Optional<Bid> existing = bids.findByJobIdAndProvider(jobId, provider);
        if (existing.isPresent() && existing.get().isActive()) {
            existing.get().amend(pricePerHour, now);
            return new PlacedBid(BidView.of(existing.get()), true);
        }
        requireRoomForAnotherBid(jobId);
        Bid bid;
        if (existing.isPresent()) {
            bid = existing.get();
            bid.renew(pricePerHour, now);
        } else {
            bid = bids.save(Bid.place(ids.next(), jobId, provider, pricePerHour, now));
        }
        closeBiddingEarlyIfAsked(job, now);
        return new PlacedBid(BidView.of(bid), false);
    }

    /**
     * A new open bid may complete what the job asked for to close early: its window then ends now, in this bid's
     * transaction (the job is still locked), and the closer, which pauses at most
     * {@code matching.auction.close-interval} between scans, awards it on its next scan. Every open bid passed the
     * eligibility policy when placed, so the open bids are the qualified ones; the award checks them again.
     */
    private void closeBiddingEarlyIfAsked(Job job, Instant now) {
        if (job.closeWhenQualifiedBids() != null) {
            // Hibernate flushes this bid before counting: the count includes it.
            job.closeBiddingIfEnoughBids(bids.countByJobIdAndStatus(job.id(), BidStatus.ACTIVE), now);
        }
    }

    /** Called under the job's lock: a new bid (not an amendment) beyond the bound is refused. */
    private void requireRoomForAnotherBid(UUID jobId) {
        int limit = properties.maxBidsPerJob();
        if (bids.countByJobIdAndStatus(jobId, BidStatus.ACTIVE) >= limit) {
            throw new ApiProblem(HttpStatus.CONFLICT, "bid-limit-reached",
                    "The job already has " + limit + " open bids, the most one auction takes"
                            + " (matching.auction.max-bids-per-job); an open bid may still be amended",
                    "maxBidsPerJob");
        }
    }

    /**
     * The provider takes its open bid out of the auction, while the job still accepts bids. Under the job's lock,
     * as a bid: the closer (which skips locked jobs) never decides an auction with a bid half withdrawn, and a
     * withdrawal waiting for a closer that claimed the job first then finds the window closed.
     *
     * @throws NotFoundOrNotYours when the provider has no bid on the job, or its bid is not open (already withdrawn,
     *                            or closed in an earlier listing)
     * @throws ApiProblem         409 {@code bidding-closed} once the job no longer accepts bids
     */
    @Transactional
    public void withdraw(String provider, UUID jobId) {
        Job job = jobs.findForUpdate(jobId).orElseThrow(() -> new NotFoundOrNotYours("bid", jobId, "jobId"));
        Bid bid = bids.findByJobIdAndProvider(jobId, provider)
                .orElseThrow(() -> new NotFoundOrNotYours("bid", jobId, "jobId"));
        if (!job.acceptsBidsAt(clock.instant())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "bidding-closed",
                    "The job no longer accepts bids, so a bid on it can no longer be withdrawn", "jobId");
        }
        if (!bid.isActive()) {
            throw new NotFoundOrNotYours("bid", jobId, "jobId");
        }
        bid.withdraw();
    }

    /** The caller's own bid on the job, open or closed, with why it lost if it did; 404 when it has none. */
    @Transactional(readOnly = true)
    public BidView mine(String provider, UUID jobId) {
        return bids.findByJobIdAndProvider(jobId, provider).map(BidView::of)
                .orElseThrow(() -> new NotFoundOrNotYours("bid", jobId, "jobId"));
    }
}
