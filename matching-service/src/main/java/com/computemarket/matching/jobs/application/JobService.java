package com.computemarket.matching.jobs.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.IdempotencyKey;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.events.FundsHeld;
import com.computemarket.events.FundsHoldRejected;
import com.computemarket.matching.IdGenerator;
import com.computemarket.matching.auction.application.AuctionProperties;
import com.computemarket.matching.auction.persistence.BidRepository;
import com.computemarket.matching.jobs.model.InvalidJobSpec;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobSpec;
import com.computemarket.matching.jobs.persistence.FeedSequence;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Posting jobs, opening or rejecting them on escrow's answer, and showing them to those allowed to see them. */
@Service
public class JobService {

    private final JobRepository jobs;
    private final LeaseRepository leases;
    private final BidRepository bids;
    private final FeedSequence feedSequence;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final AuctionProperties auction;
    private final IdGenerator ids;
    private final Clock clock;

    JobService(JobRepository jobs, LeaseRepository leases, BidRepository bids, FeedSequence feedSequence,
            EventOutbox outbox, TransactionTemplate transaction, AuctionProperties auction, IdGenerator ids,
            Clock clock) {
        this.jobs = jobs;
        this.leases = leases;
        this.bids = bids;
        this.feedSequence = feedSequence;
        this.outbox = outbox;
        this.transaction = transaction;
        this.auction = auction;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Stores the job as PENDING_FUNDS and emits JobPosted in the same transaction. With an idempotency key, a retry
     * of the same request returns the job the first one created; the same key with another spec is refused.
     */
    public PostedJob post(String consumer, Optional<String> idempotencyKey, JobSpec spec) {
        String fingerprint = spec.fingerprint();
        Optional<PostedJob> replay = idempotencyKey.flatMap(key -> replayOf(consumer, key, fingerprint));
        if (replay.isPresent()) {
            return replay.get();
        }
        try {
            Job.checkEarlyCloseReachable(spec, auction.maxBidsPerJob());
            return transaction.execute(status -> {
                Job job = Job.post(ids.next(), consumer, spec, clock.instant(), idempotencyKey.orElse(null),
                        fingerprint);
                jobs.saveAndFlush(job);
                outbox.append(job.posted());
                return new PostedJob(job.id(), job.status());
            });
        } catch (InvalidJobSpec invalid) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-job-spec", invalid.getMessage(), invalid.field());
        } catch (DataIntegrityViolationException concurrentPostWithSameKey) {
            // Only the (consumer, idempotency key) constraint can clash here: another request won the race.
            return idempotencyKey.flatMap(key -> replayOf(consumer, key, fingerprint))
                    .orElseThrow(() -> concurrentPostWithSameKey);
        }
    }

    private Optional<PostedJob> replayOf(String consumer, String key, String fingerprint) {
        return jobs.findByConsumerAndIdempotencyKey(consumer, key).map(job -> {
            if (!job.wasRequestedAs(fingerprint)) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different job request", IdempotencyKey.HEADER);
            }
            return new PostedJob(job.id(), job.status());
        });
    }

    /**
     * Escrow held the funds (for the first listing or a re-listing): the job opens for bidding and enters the feed.
     * A job cancelled before the answer came stays cancelled: escrow releases that hold on JobCancelled.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openFunded(FundsHeld held) {
        Job job = jobs.findForUpdate(held.jobId())
                .orElseThrow(() -> new IllegalStateException("FundsHeld for unknown job " + held.jobId()));
        if (job.isCancelled()) {
            return;
        }
        outbox.append(job.open(feedSequence.next(), clock.instant()));
    }

    /** Escrow refused the hold; a job cancelled before the answer came stays cancelled. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rejectUnfunded(FundsHoldRejected rejected) {
        Job job = jobs.findForUpdate(rejected.jobId())
                .orElseThrow(() -> new IllegalStateException("FundsHoldRejected for unknown job " + rejected.jobId()));
        if (job.isCancelled()) {
            return;
        }
        outbox.append(job.rejectHold(rejected.reason(), clock.instant()));
    }

    /** Visible to the job's consumer and to providers holding one of its leases; 404 to everyone else. */
    @Transactional(readOnly = true)
    public JobView view(String caller, UUID jobId) {
        Job job = jobs.findById(jobId).orElseThrow(() -> new NotFoundOrNotYours("job", jobId, "jobId"));
        List<Lease> jobLeases = leases.findByJobIdOrderByAwardedAt(jobId);
        if (!job.isPostedBy(caller) && jobLeases.stream().noneMatch(lease -> lease.isHeldBy(caller))) {
            throw new NotFoundOrNotYours("job", jobId, "jobId");
        }
        return new JobView(job.id(), job.consumer(), job.status(), job.statusReason(),
                new JobView.Resources(job.resources().cpuMillicores(), job.resources().memoryMb(),
                        job.resources().gpuCount(), job.resources().storageGb(), job.nodeRequirement().gpuModel(),
                        job.nodeRequirement().minGpuVramMb()),
                JobView.Workload.of(job.workload()),
                job.durationSeconds(), job.maxPricePerHour().toString(), job.holdAmount().toString(),
                job.replicas(), job.verificationMode(), job.biddingWindowSeconds(), job.minReputation(), job.postedAt(),
                job.biddingClosesAt(), bids.countByJobId(jobId),
                jobLeases.stream().map(lease -> new JobView.LeaseSummary(lease.id(), lease.provider(),
                        lease.pricePerHour().toString(), lease.status().name(), lease.fundedAt() != null,
                        lease.awardedAt())).toList(),
                new TreeSet<>(job.nodeRequirement().regions()), new TreeMap<>(job.nodeRequirement().attributes()),
                job.deadline(), job.listing(), job.cancelledAt(), job.closeWhenQualifiedBids(),
                job.expiryProviderSurvey()
                        .map(survey -> new JobView.ProviderSurvey(survey.couldBid(), survey.reasons())).orElse(null));
    }
}
