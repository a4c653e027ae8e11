package com.computemarket.matching.leases.application;

import com.computemarket.matching.jobs.model.Job;
import com.computemarket.matching.jobs.persistence.JobRepository;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.persistence.LeaseRepository;
import com.computemarket.messaging.EventOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes leases whose provider went silent for longer than {@code matching.leases.heartbeat-timeout}, one per
 * transaction: locks the job, then the lease, and checks the silence again, so two instances (or a heartbeat arriving
 * just then) never close a lease twice or close a live one. Closing emits the downtime and LeaseClosed
 * (HEARTBEAT_LOST), frees the node, and hands the lost replica to the job, which goes back to auction without the
 * providers that failed it (JobRelisted) or, past its deadline, fails (JobFailed).
 */
@Service
public class LeaseHealer {

    private final LeaseRepository leases;
    private final JobRepository jobs;
    private final LeaseService leaseService;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final LeaseProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    LeaseHealer(LeaseRepository leases, JobRepository jobs, LeaseService leaseService, EventOutbox outbox,
            TransactionTemplate transaction, LeaseProperties properties, Clock clock, MeterRegistry meters) {
        this.leases = leases;
        this.jobs = jobs;
        this.leaseService = leaseService;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Closes up to the configured batch of silent leases; returns how many it closed. */
    public int closeSilentLeases() {
        int closed = 0;
        for (LeaseRepository.SilentLease silent : leases.findSilentSince(cutoff(clock.instant()),
                properties.checkBatchSize())) {
            if (Boolean.TRUE.equals(transaction.execute(status -> closeIfStillSilent(silent.getJobId(),
                    silent.getId())))) {
                closed++;
            }
        }
        return closed;
    }

    private Instant cutoff(Instant now) {
        return now.minus(properties.heartbeatTimeout());
    }

    private boolean closeIfStillSilent(UUID jobId, UUID leaseId) {
        // Job first, as settlements and awards lock it: one lock order everywhere, no deadlock.
        Job job = jobs.findForUpdate(jobId).orElseThrow();
        Lease lease = leases.findForUpdate(leaseId).orElseThrow();
        Instant now = clock.instant();
        if (!lease.isSilentSince(cutoff(now))) {
            return false;
        }
        lease.closeOnHeartbeatLost(now, properties.heartbeatInterval()).forEach(outbox::append);
        leaseService.relistLostReplica(job, lease, now);
        meters.counter("matching.leases.heartbeat.lost").increment();
        return true;
    }
}
