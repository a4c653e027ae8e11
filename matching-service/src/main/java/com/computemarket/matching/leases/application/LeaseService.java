package com.computemarket.matching.leases.application;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.events.LeaseFunded;
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

    void freeNodeOf(Lease lease, Job job) {
        if (lease.nodeId() != null) {
            providers.release(lease.nodeId(), job.resources());
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void noteFunded(LeaseFunded funded) {
        leases.findById(funded.leaseId())
                .orElseThrow(() -> new IllegalStateException("LeaseFunded for unknown lease " + funded.leaseId()))
                .noteFunded(clock.instant());
    }

    /**
     * Closes the settled lease (LeaseClosed), frees its node's capacity, and completes the job once none of its leases is still active. The job
     * is locked first, so two leases of one job settling at once cannot both miss that they were the last.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeSettled(SettlementRecorded settlement) {
        Job job = jobs.findForUpdate(settlement.jobId())
                .orElseThrow(() -> new IllegalStateException("settlement for unknown job " + settlement.jobId()));
        Lease lease = leases.findById(settlement.leaseId())
                .orElseThrow(() -> new IllegalStateException("settlement for unknown lease " + settlement.leaseId()));
        // A lease closed for heartbeat loss is settled by escrow afterwards; that settlement only confirms it.
        if (!lease.failed()) {
            outbox.append(lease.closeOnSettlement(settlement.outcome(), clock.instant()));
            freeNodeOf(lease, job);
        }
        if (job.status() == JobStatus.AWARDED
                && leases.findByJobIdOrderByAwardedAt(job.id()).stream().allMatch(Lease::isClosed)) {
            job.complete();
        }
    }
}
