package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import java.math.BigInteger;
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

    void insert(LeaseEscrow lease);

    void update(LeaseEscrow lease);

    void insert(Settlement settlement);

    /** The settlements of a job's leases, oldest first. */
    List<Settlement> settlementsOfJob(UUID jobId);

    /** What the consumer's jobs still hold, summed over the ledger's HELD accounts of those jobs. */
    BigInteger totalHeldFor(String consumer);

    /** What is escrowed for the consumer's leases, summed over the ledger's LEASE_ESCROW accounts. */
    BigInteger totalLeaseEscrowFor(String consumer);
}
