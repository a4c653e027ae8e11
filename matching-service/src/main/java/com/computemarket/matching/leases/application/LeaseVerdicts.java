package com.computemarket.matching.leases.application;

import com.computemarket.events.WorkRejected;
import com.computemarket.events.WorkVerified;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verification's verdicts on leases' results. A rejection closes a running lease VERIFICATION_FAILED and, for a job
 * that re-runs rejected replicas ({@link Job#rerunsRejectedReplicas}), hands the lost replica to the job exactly as
 * heartbeat loss does (the same {@link LeaseService#relistReplicaOf}): re-listed without the providers that failed the job
 * while its deadline allows, else the job fails. Escrow settles the same verdict on its own and matching hears the
 * two on different topics, in either order: the settlement closes a lease only while it runs, the rejection re-lists
 * once whichever closed it, and a refunded lease keeps its job from completing until its verdict is known
 * ({@link LeaseService#completeIfFinished}). Like the heartbeat-loss detector and settlements, each verdict locks the
 * job, then the lease.
 */
@Service
public class LeaseVerdicts {

    private final JobRepository jobs;
    private final LeaseRepository leases;
    private final LeaseService leaseService;
    private final EventOutbox outbox;
    private final Clock clock;

    LeaseVerdicts(JobRepository jobs, LeaseRepository leases, LeaseService leaseService, EventOutbox outbox,
            Clock clock) {
        this.jobs = jobs;
        this.leases = leases;
        this.leaseService = leaseService;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void closeRejected(WorkRejected rejected) {
        Job job = lockJob(rejected.jobId());
        Lease lease = lockLease(rejected.leaseId(), rejected.jobId());
        Instant now = clock.instant();
        Lease.Rejection rejection = lease.reject(rejected.provider(), now);
        rejection.closed().ifPresent(closed -> {
            outbox.append(closed);
            leaseService.freeNodeOf(lease, job);
        });
        if (rejection.endedTheRun() && job.rerunsRejectedReplicas()) {
            leaseService.relistReplicaOf(job, now);
        }
        leaseService.completeIfFinished(job);
    }

    /** Recorded only (the settlement closes the lease); a refunded lease's job may complete now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void noteVerified(WorkVerified verified) {
        Job job = lockJob(verified.jobId());
        lockLease(verified.leaseId(), verified.jobId()).noteVerified(verified.provider());
        leaseService.completeIfFinished(job);
    }

    private Job lockJob(UUID jobId) {
        return jobs.findForUpdate(jobId)
                .orElseThrow(() -> new IllegalStateException("verdict for unknown job " + jobId));
    }

    private Lease lockLease(UUID leaseId, UUID jobId) {
        Lease lease = leases.findForUpdate(leaseId)
                .orElseThrow(() -> new IllegalStateException("verdict for unknown lease " + leaseId));
        if (!lease.jobId().equals(jobId)) {
            throw new IllegalStateException("verdict names job " + jobId + " but lease " + leaseId + " is of job "
                    + lease.jobId());
        }
        return lease;
    }
}
