package com.computemarket.matching.auction.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidEligibilityPolicy;
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

/** Places or amends a provider's one bid on a job, if the eligibility policy lets it. */
@Service
public class BidService {

    private final JobRepository jobs;
    private final BidRepository bids;
    private final LeaseRepository leases;
    private final ProviderService providers;
    private final BidEligibilityPolicy eligibility;
    private final IdGenerator ids;
    private final Clock clock;

    BidService(JobRepository jobs, BidRepository bids, LeaseRepository leases, ProviderService providers,
            BidEligibilityPolicy eligibility, IdGenerator ids, Clock clock) {
        this.jobs = jobs;
        this.bids = bids;
        this.leases = leases;
        this.providers = providers;
        this.eligibility = eligibility;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * The job row stays locked until commit: the auction closer (which skips locked jobs) cannot close the auction
     * halfway through a bid, and two bids of one provider cannot both insert.
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
        if (existing.isPresent()) {
            existing.get().renew(pricePerHour, now);
            return new PlacedBid(BidView.of(existing.get()), false);
        }
        Bid bid = bids.save(Bid.place(ids.next(), jobId, provider, pricePerHour, now));
        return new PlacedBid(BidView.of(bid), false);
    }
}
