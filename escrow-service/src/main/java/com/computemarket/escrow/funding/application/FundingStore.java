package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where escrow keeps job holds, lease escrows and settlements. Every method runs in the caller's transaction; the
 * {@code lock…} methods hold the rows until it ends, so that one job's (or lease's) events apply one at a time.
 */
public interface FundingStore {

    /** One listing's hold. */
    Optional<JobHold> findJobHold(UUID jobId, int listing);

    /** Every listing's hold of the job, first listing first. */
    List<JobHold> findJobHolds(UUID jobId);

    /** Every listing's hold of the job, first listing first, locked until the transaction ends. */
    List<JobHold> lockJobHolds(UUID jobId);

    void insert(JobHold hold);

    void update(JobHold hold);

    Optional<LeaseEscrow> lockLease(UUID leaseId);

    /** Locks the lease, or answers empty at once if another transaction holds it (or it does not exist). */
    Optional<LeaseEscrow> lockLeaseUnlessBusy(UUID leaseId);

    /**
     * Open leases due for metering at {@code now} (running ones not metered up to {@code now} or their end yet, and
     * every paused one), ordered by lease id, after {@code afterLeaseId} if given. Leases of a job known to be
     * cancelled are not due: their close settles them up to the cancel.
     */
    List<UUID> leasesToMeter(Instant now, UUID afterLeaseId, int limit);

    /** The job's leases, in the order they were funded. */
    List<LeaseEscrow> leasesOfJob(UUID jobId);

    boolean downtimeRecorded(UUID leaseId, Instant startedAt);

    /** Records when the job was cancelled, unless that is recorded already (the first report stands). */
    void recordJobCancelled(UUID jobId, Instant cancelledAt, Instant recordedAt);

    /** When the job was cancelled, if escrow has heard of it. */
    Optional<Instant> jobCancelledAt(UUID jobId);

    void insert(LeaseDowntime downtime);

    /** The downtime stretches recorded for the job's leases, oldest first. */
    List<LeaseDowntime> downtimeOfJob(UUID jobId);

    void insert(LeaseEscrow lease);

    void update(LeaseEscrow lease);

    void insert(Settlement settlement);

    /** The settlements of a job's leases, oldest first. */
    List<Settlement> settlementsOfJob(UUID jobId);

    /** What the consumer's jobs still hold, summed over the ledger's HELD accounts of those jobs. */
    BigInteger totalHeldFor(String consumer);

    /**
     * What the consumer's unsettled leases hold, summed over their ledger LEASE_ESCROW and LEASE_EARNED accounts
     * (what a provider earned stays the consumer's money in escrow until the work is verified).
     */
    BigInteger totalLeaseEscrowFor(String consumer);

    /** What the provider's unsettled leases have earned so far, summed over their ledger LEASE_EARNED accounts. */
    BigInteger totalEarnedUnsettledFor(String provider);
}
