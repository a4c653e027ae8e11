package com.computemarket.escrow.funding.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What escrow knows about a job: whose it is, how much was held for it and how far its award has been funded.
 * The money itself lives in the ledger's HELD account of the job.
 */
public final class JobHold {

    private final UUID jobId;
    private final String consumer;
    private final BigInteger amount;
    private final Instant createdAt;
    private HoldStatus status;
    private Integer leasesInAward;
    private int leasesFunded;

    public JobHold(UUID jobId, String consumer, BigInteger amount, Instant createdAt, HoldStatus status,
            Integer leasesInAward, int leasesFunded) {
        this.jobId = Objects.requireNonNull(jobId);
        this.consumer = Objects.requireNonNull(consumer);
        this.amount = Objects.requireNonNull(amount);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = Objects.requireNonNull(status);
        this.leasesInAward = leasesInAward;
        this.leasesFunded = leasesFunded;
    }

    public static JobHold placed(UUID jobId, String consumer, BigInteger amount, Instant at) {
        return new JobHold(jobId, consumer, amount, at, HoldStatus.HELD, null, 0);
    }

    public static JobHold rejected(UUID jobId, String consumer, BigInteger amount, Instant at) {
        return new JobHold(jobId, consumer, amount, at, HoldStatus.REJECTED, null, 0);
    }

    /**
     * Funds one lease of the job's award from the hold.
     *
     * @param leasesInAward how many leases the auction awarded in all
     * @return the lease's escrow
     */
    public LeaseEscrow fundLease(UUID leaseId, String leaseConsumer, String provider, BigInteger escrow,
            int leasesInAward, Instant at) {
        if (status != HoldStatus.HELD) {
            throw new IllegalFundingMoveException("job " + jobId + " is " + status + ": no lease can be funded");
        }
        if (!consumer.equalsIgnoreCase(leaseConsumer)) {
            throw new IllegalFundingMoveException("lease " + leaseId + " names consumer " + leaseConsumer
                    + " but job " + jobId + " belongs to " + consumer);
        }
        if (leasesInAward <= 0 || (this.leasesInAward != null && this.leasesInAward != leasesInAward)) {
            throw new IllegalFundingMoveException("lease " + leaseId + " says the award of job " + jobId + " has "
                    + leasesInAward + " leases, earlier leases said " + this.leasesInAward);
        }
        this.leasesInAward = leasesInAward;
        leasesFunded++;
        if (leasesFunded == leasesInAward) {
            status = HoldStatus.AWARDED;
        }
        return LeaseEscrow.funded(leaseId, jobId, consumer, provider, escrow, at);
    }

    /** Whether the lease just funded was the award's last, so the rest of the hold goes back to the consumer. */
    public boolean awardFullyFunded() {
        return status == HoldStatus.AWARDED;
    }

    /**
     * The job expired: its hold goes back to the consumer.
     *
     * @return whether there was a hold to release (a rejected or already released job has none)
     */
    public boolean expire() {
        return switch (status) {
            case HELD -> {
                if (leasesFunded > 0) {
                    throw new IllegalFundingMoveException("job " + jobId + " expired after " + leasesFunded
                            + " of its leases were funded");
                }
                status = HoldStatus.RELEASED;
                yield true;
            }
            case REJECTED, RELEASED -> false;
            case AWARDED -> throw new IllegalFundingMoveException("job " + jobId + " expired after its award");
        };
    }

    public boolean isOwnedBy(String address) {
        return consumer.equalsIgnoreCase(address);
    }

    public UUID jobId() {
        return jobId;
    }

    public String consumer() {
        return consumer;
    }

    public BigInteger amount() {
        return amount;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public HoldStatus status() {
        return status;
    }

    public Integer leasesInAward() {
        return leasesInAward;
    }

    public int leasesFunded() {
        return leasesFunded;
    }
}
