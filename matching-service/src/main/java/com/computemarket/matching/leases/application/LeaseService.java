package com.computemarket.matching.leases.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.events.LeaseFunded;
import com.computemarket.events.LeasePaused;
import com.computemarket.events.LeaseResumed;
import com.computemarket.events.SettlementRecorded;
import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.model.JobStatus;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.model.LeaseNotActive;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.matching.providers.application.ProviderService;
import com.computemarket.messaging.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Showing leases to their parties, provider heartbeats, and closing leases as escrow settles them. */
@Service
public class LeaseService {

    private final LeaseRepository leases;
    private final JobRepository jobs;
    private final ProviderService providers;
    private final EventOutbox outbox;
    private final LeaseProperties properties;
    private final Clock clock;

    LeaseService(LeaseRepository leases, JobRepository jobs, ProviderService providers, EventOutbox outbox,
            LeaseProperties properties, Clock clock) {
        this.properties = properties;
        this.leases = leases;
        this.jobs = jobs;
        this.providers = providers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Visible to the lease's provider and the job's consumer; 404 to everyone else. */
    @Transactional(readOnly = true)
    public LeaseView view(String caller, UUID leaseId) {
        Lease lease = leases.findById(leaseId)
                .filter(found -> found.isHeldBy(caller) || found.consumer().equalsIgnoreCase(caller))
                .orElseThrow(() -> new NotFoundOrNotYours("lease", leaseId, "leaseId"));
        return LeaseView.of(lease);
    }

    /**
     * Only the lease's provider sends heartbeats, and only while the lease is ACTIVE. The lease row is locked, so a
     * heartbeat and the heartbeat-loss detector ({@link LeaseHealer}) never both act on the same silence; a heartbeat
     * after a longer gap than {@code matching.leases.heartbeat-interval} records that downtime (LeaseDowntimeRecorded).
     */
    @Transactional
    public LeaseView recordHeartbeat(String caller, UUID leaseId) {
        Lease lease = leases.findForUpdate(leaseId)
                .filter(found -> found.isHeldBy(caller))
                .orElseThrow(() -> new NotFoundOrNotYours("lease", leaseId, "leaseId"));
        try {
            lease.recordHeartbeat(clock.instant(), properties.heartbeatInterval()).ifPresent(outbox::append);
        } catch (LeaseNotActive notActive) {
            throw new ApiProblem(HttpStatus.CONFLICT, "lease-not-active", notActive.getMessage(), "leaseId");
        }
        return LeaseView.of(lease);
    }

    /**
     * The lease's provider reports it cannot finish the work: the lease closes FAILED with PROVIDER_FAULT at once,
     * and then everything happens as after heartbeat loss ({@link #relistLostReplica}). The job is locked before the
     * lease, in the order the heartbeat-loss detector and settlements use.
     */
    @Transactional
    public LeaseView reportFault(String caller, UUID leaseId) {
        UUID jobId = leases.findJobIdOfLeaseHeldBy(leaseId, caller)
                .orElseThrow(() -> new NotFoundOrNotYours("lease", leaseId, "leaseId"));
        Job job = jobs.findForUpdate(jobId).orElseThrow();
        Lease lease = leases.findForUpdate(leaseId).orElseThrow();
        Instant now = clock.instant();
        try {
            outbox.append(lease.closeOnProviderFault(now));
        } catch (LeaseNotActive notActive) {
            throw new ApiProblem(HttpStatus.CONFLICT, "lease-not-active", notActive.getMessage(), "leaseId");
        }
        relistLostReplica(job, lease, now);
        return LeaseView.of(lease);
    }

    /**
     * A lease its provider failed has just closed: frees its node and hands the lost replica to the job, which goes
     * back to auction without every provider that failed one of its leases (JobRelisted), fails when its deadline
     * leaves no time (JobFailed), or re-lists it once a re-listing under way is awarded.
     */
    void relistLostReplica(Job job, Lease lease, Instant now) {
        freeNodeOf(lease, job);
        relistReplicaOf(job, now);
    }

    /** {@link #relistLostReplica} for a lease whose node was freed when it closed earlier. */
    void relistReplicaOf(Job job, Instant now) {
        List<String> failedProviders = leases.findByJobIdOrderByAwardedAt(job.id()).stream()
                .filter(Lease::failed).map(Lease::provider).toList();
        job.replicaLost(failedProviders, now).ifPresent(outbox::append);
    }

    void freeNodeOf(Lease lease, Job job) {
        if (lease.nodeId() != null) {
            providers.release(lease.nodeId(), job.resources());
        }
    }

    /**
     * Escrow paused the lease for want of funds: heartbeats are not expected until it resumes, and the silence
     * before the pause that already counted as downtime is recorded up to the pause. The lease row is locked, as a
     * heartbeat locks it. A pause that crossed the lease's close changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notePaused(LeasePaused paused) {
        leases.findForUpdate(paused.leaseId())
                .orElseThrow(() -> new IllegalStateException("LeasePaused for unknown lease " + paused.leaseId()))
                .pause(paused.pausedAt(), properties.heartbeatInterval())
                .ifPresent(outbox::append);
    }

    /** Escrow resumed the lease: heartbeats are expected again, counted from the resume. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void noteResumed(LeaseResumed resumed) {
        leases.findForUpdate(resumed.leaseId())
                .orElseThrow(() -> new IllegalStateException("LeaseResumed for unknown lease " + resumed.leaseId()))
                .resume(resumed.resumedAt());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void noteFunded(LeaseFunded funded) {
        leases.findById(funded.leaseId())
                .orElseThrow(() -> new IllegalStateException("LeaseFunded for unknown lease " + funded.leaseId()))
                .noteFunded(clock.instant());
    }

    /**
     * Closes the settled lease (LeaseClosed), frees its node's capacity, and completes the job once none of its leases is still active. The job
     * is locked first, so two leases of one job settling at once cannot both miss that they were the last. A
     * refunded lease of a job that re-runs rejected replicas completes it only once its verdict is known
     * ({@link #completeIfFinished}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeSettled(SettlementRecorded settlement) {
        Job job = jobs.findForUpdate(settlement.jobId())
                .orElseThrow(() -> new IllegalStateException("settlement for unknown job " + settlement.jobId()));
        Lease lease = leases.findById(settlement.leaseId())
                .orElseThrow(() -> new IllegalStateException("settlement for unknown lease " + settlement.leaseId()));
        // A lease closed for heartbeat loss or by its job's cancel is settled by escrow afterwards; that settlement
        // (or one that crossed the close, such as a lapse) only confirms it.
        if (!lease.isClosed()) {
            outbox.append(lease.closeOnSettlement(settlement.outcome(), clock.instant()));
            freeNodeOf(lease, job);
        }
        completeIfFinished(job);
    }

    /**
     * Completes an awarded job once all its leases are closed, unless one was refunded before its verdict arrived
     * and the job would re-run it if that verdict is a rejection ({@link Lease#awaitsVerdict},
     * {@link Job#rerunsRejectedReplicas}): the verdict then decides, and completes the job itself if it was not.
     * JobCompleted is published once: a completed job is no longer AWARDED, so a later settlement or verdict for it
     * does nothing here.
     */
    void completeIfFinished(Job job) {
        if (job.status() != JobStatus.AWARDED) {
            return;
        }
        List<Lease> ofJob = leases.findByJobIdOrderByAwardedAt(job.id());
        boolean mayLoseAReplica = job.rerunsRejectedReplicas() && ofJob.stream().anyMatch(Lease::awaitsVerdict);
        if (ofJob.stream().allMatch(Lease::isClosed) && !mayLoseAReplica) {
            outbox.append(job.complete(clock.instant()));
        }
    }
}
