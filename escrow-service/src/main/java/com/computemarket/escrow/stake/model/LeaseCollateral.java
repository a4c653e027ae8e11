package com.computemarket.escrow.stake.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The collateral one lease locked from its provider's free stake. {@code required} is the policy's share of the
 * lease's value; {@code locked} is what the provider's free stake could cover of it at award (a provider with too
 * little free stake still gets its lease, and is exposed to slashing only up to what it locked).
 */
public final class LeaseCollateral {

    private final UUID leaseId;
    private final UUID jobId;
    private final String provider;
    private final String consumer;
    private final BigInteger leaseValue;
    private final BigInteger required;
    private final BigInteger locked;
    private final Instant lockedAt;
    private BigInteger slashed;
    private CollateralStatus status;
    private Instant releasedAt;
    private String releaseReason;

    public LeaseCollateral(UUID leaseId, UUID jobId, String provider, String consumer, BigInteger leaseValue,
            BigInteger required, BigInteger locked, BigInteger slashed, CollateralStatus status, Instant lockedAt,
            Instant releasedAt, String releaseReason) {
        this.leaseId = Objects.requireNonNull(leaseId, "leaseId");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.leaseValue = leaseValue;
        this.required = required;
        this.locked = locked;
        this.slashed = slashed;
        this.status = status;
        this.lockedAt = lockedAt;
        this.releasedAt = releasedAt;
        this.releaseReason = releaseReason;
        if (locked.signum() < 0 || locked.compareTo(required) > 0 || slashed.signum() < 0
                || slashed.compareTo(locked) > 0) {
            throw new IllegalArgumentException("collateral of lease " + leaseId + " must satisfy 0 <= slashed <= locked"
                    + " <= required: " + slashed + ", " + locked + ", " + required);
        }
    }

    /** Locks {@code collateralBps} of the lease's value, or as much of it as {@code freeStake} covers. */
    public static LeaseCollateral lock(UUID leaseId, UUID jobId, String provider, String consumer,
            BigInteger leaseValue, int collateralBps, BigInteger freeStake, Instant now) {
        if (collateralBps < 0 || collateralBps > 10_000) {
            throw new IllegalArgumentException("collateral must be 0 to 10000 basis points, was " + collateralBps);
        }
        BigInteger required = leaseValue.multiply(BigInteger.valueOf(collateralBps)).divide(BigInteger.valueOf(10_000));
        BigInteger locked = required.min(freeStake.max(BigInteger.ZERO));
        return new LeaseCollateral(leaseId, jobId, provider, consumer, leaseValue, required, locked, BigInteger.ZERO,
                CollateralStatus.LOCKED, now, null, null);
    }

    /** Takes {@code share} from what is still locked. */
    public void slash(SlashShare share) {
        requireLocked("slash");
        if (share.amount().compareTo(stillLocked()) > 0) {
            throw new IllegalStakeMoveException("cannot slash " + share.amount() + " from lease " + leaseId
                    + ": only " + stillLocked() + " is still locked");
        }
        slashed = slashed.add(share.amount());
    }

    /** Ends the lock; returns what goes back to the provider's free stake (the locked collateral not slashed). */
    public BigInteger release(String reason, Instant now) {
        requireLocked("release");
        status = CollateralStatus.RELEASED;
        releasedAt = now;
        releaseReason = reason;
        return locked.subtract(slashed);
    }

    public boolean isLocked() {
        return status == CollateralStatus.LOCKED;
    }

    public BigInteger stillLocked() {
        return isLocked() ? locked.subtract(slashed) : BigInteger.ZERO;
    }

    private void requireLocked(String move) {
        if (!isLocked()) {
            throw new IllegalStakeMoveException("cannot " + move + " the collateral of lease " + leaseId
                    + ": it was released (" + releaseReason + ")");
        }
    }

    public UUID leaseId() {
        return leaseId;
    }

    public UUID jobId() {
        return jobId;
    }

    public String provider() {
        return provider;
    }

    public String consumer() {
        return consumer;
    }

    public BigInteger leaseValue() {
        return leaseValue;
    }

    public BigInteger required() {
        return required;
    }

    public BigInteger locked() {
        return locked;
    }

    public BigInteger slashed() {
        return slashed;
    }

    public CollateralStatus status() {
        return status;
    }

    public Instant lockedAt() {
        return lockedAt;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public String releaseReason() {
        return releaseReason;
    }
}
