package com.computemarket.escrow.funding.model;

import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What escrow knows about one listing of a job: whose it is, how much was held for it and how far its award has
 * been funded. A job is listed once when it is posted and once more each time a failed lease sends it back to
 * auction; each listing has its own hold, keyed by (job id, listing). The money itself lives in the ledger's HELD
 * account of the listing ({@link #heldAccount()}).
 */
public final class JobHold {

    /** The listing created when the job is posted; re-listings count on from here. */
    public static final int FIRST_LISTING = 1;

    private final UUID jobId;
    private final int listing;
    private final String consumer;
    private final BigInteger amount;
    private final Instant createdAt;
    private HoldStatus status;
    private Integer leasesInAward;
    private int leasesFunded;

    public JobHold(UUID jobId, int listing, String consumer, BigInteger amount, Instant createdAt, HoldStatus status,
            Integer leasesInAward, int leasesFunded) {
        if (listing < FIRST_LISTING) {
            throw new IllegalFundingMoveException("job " + jobId + " cannot have listing " + listing);
        }
        this.jobId = Objects.requireNonNull(jobId);
        this.listing = listing;
        this.consumer = Objects.requireNonNull(consumer);
        this.amount = Objects.requireNonNull(amount);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = Objects.requireNonNull(status);
        this.leasesInAward = leasesInAward;
        this.leasesFunded = leasesFunded;
    }

    public static JobHold placed(UUID jobId, int listing, String consumer, BigInteger amount, Instant at) {
        return new JobHold(jobId, listing, consumer, amount, at, HoldStatus.HELD, null, 0);
    }

    public static JobHold rejected(UUID jobId, int listing, String consumer, BigInteger amount, Instant at) {
        return new JobHold(jobId, listing, consumer, amount, at, HoldStatus.REJECTED, null, 0);
    }

    /**
     * Names the listing in account owners and idempotency keys: the job id for the first listing (as before
     * re-listings existed, so earlier keys and accounts keep their meaning), {@code <jobId>#<listing>} after it.
     */
    public String reference() {
        return listing == FIRST_LISTING ? jobId.toString() : jobId + "#" + listing;
    }

    /** The ledger account that holds this listing's money until its leases are funded or it is released. */
    public AccountRef heldAccount() {
        return new AccountRef(reference(), AccountPurpose.HELD);
    }

    /**
     * Funds one lease of the listing's award from the hold.
     *
     * @param escrow what the lease's escrow starts with
     * @return the lease's escrow
     */
    public LeaseEscrow fundLease(Award award, BigInteger escrow, Instant at) {
        UUID leaseId = award.leaseId();
        if (status != HoldStatus.HELD) {
            throw new IllegalFundingMoveException("listing " + listing + " of job " + jobId + " is " + status
                    + ": no lease can be funded from it");
        }
        if (!consumer.equalsIgnoreCase(award.consumer())) {
            throw new IllegalFundingMoveException("lease " + leaseId + " names consumer " + award.consumer()
                    + " but job " + jobId + " belongs to " + consumer);
        }
        int awarded = award.leasesInAward();
        if (awarded <= 0 || (this.leasesInAward != null && this.leasesInAward != awarded)) {
            throw new IllegalFundingMoveException("lease " + leaseId + " says the award of job " + jobId + " has "
                    + awarded + " leases, earlier leases said " + this.leasesInAward);
        }
        this.leasesInAward = awarded;
        leasesFunded++;
        if (leasesFunded == awarded) {
            status = HoldStatus.AWARDED;
        }
        return LeaseEscrow.funded(leaseId, jobId, listing, consumer, award.provider(), award.pricePerHour(), escrow,
                award.awardedAt(), award.durationSeconds(), at);
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
            case CANCELLED -> throw new IllegalFundingMoveException("job " + jobId + " expired after its cancel");
        };
    }

    /**
     * The consumer cancelled the job: a listing still held stops funding leases, and what it still holds goes back
     * to the consumer (its award may have funded some leases already; those settle on their own close).
     *
     * @return whether there was a hold to release (a rejected, released or fully awarded listing has none)
     */
    public boolean cancel() {
        if (status != HoldStatus.HELD) {
            return false;
        }
        status = HoldStatus.CANCELLED;
        return true;
    }

    public boolean isCancelled() {
        return status == HoldStatus.CANCELLED;
    }

    /** Whether leases may still be funded from this hold. */
    public boolean isHeld() {
        return status == HoldStatus.HELD;
    }

    public boolean isOwnedBy(String address) {
        return consumer.equalsIgnoreCase(address);
    }

    public UUID jobId() {
        return jobId;
    }

    public int listing() {
        return listing;
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
