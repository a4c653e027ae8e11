package com.computemarket.matching.jobs.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.persistence.BidRepository;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.application.LeaseProperties;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A consumer cancels its job, in one transaction: the job CANCELLED, its open bids closed {@code JOB_CANCELLED}, each
 * active lease closed CONSUMER_CANCELLED with its node's capacity freed (one LeaseClosed each, after the downtime of
 * a provider silent for longer than the heartbeat interval), then JobCancelled.
 * The job row is locked first, as the auction closer, bids, settlements and the heartbeat-loss detector lock it: a
 * closer that claimed the job finishes its award before the cancel sees the job (and then closes the new leases),
 * and one that comes later no longer finds it OPEN. Leases are locked after the job, in the detector's order.
 */
@Service
public class JobCancellation {

    private final JobRepository jobs;
    private final BidRepository bids;
    private final LeaseRepository leases;
    private final ProviderService providers;
    private final JobService views;
    private final EventOutbox outbox;
    private final LeaseProperties leaseProperties;
    private final Clock clock;

    JobCancellation(JobRepository jobs, BidRepository bids, LeaseRepository leases, ProviderService providers,
            JobService views, EventOutbox outbox, LeaseProperties leaseProperties, Clock clock) {
        this.jobs = jobs;
        this.bids = bids;
        this.leases = leases;
        this.providers = providers;
        this.views = views;
        this.outbox = outbox;
        this.leaseProperties = leaseProperties;
        this.clock = clock;
    }

    /**
     * Cancels the caller's job unless it already ended. Cancelling a cancelled job again changes nothing and answers
     * the job as it is (a retried request gets the first one's answer); a job that ended otherwise is a 409.
     */
    @Transactional
    public JobView cancel(String caller, UUID jobId) {
        Job job = jobs.findForUpdate(jobId)
                .filter(found -> found.isPostedBy(caller))
                .orElseThrow(() -> new NotFoundOrNotYours("job", jobId, "jobId"));
        if (job.isCancelled()) {
            return views.view(caller, jobId);
        }
        if (job.status().isFinal()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "job-already-ended",
                    "The job is " + job.status() + " and can no longer be cancelled", "jobId");
        }
        // PostgreSQL keeps microseconds: the events, this answer and every later read then name the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        bids.findByJobId(jobId).stream().filter(Bid::isActive).forEach(Bid::closeOnJobCancelled);
        for (Lease lease : leases.findActiveByJobIdForUpdate(jobId)) {
            lease.closeOnConsumerCancel(now, leaseProperties.heartbeatInterval()).forEach(outbox::append);
            if (lease.nodeId() != null) {
                providers.release(lease.nodeId(), job.resources());
            }
        }
        outbox.append(job.cancel(now));
        jobs.flush();
        return views.view(caller, jobId);
    }
}
