package com.computemarket.verification.results.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One lease's result: the provider's commitment, its reveal and the verdict. Its moves are made through
 * {@link JobVerification}, which knows the other replicas of the job.
 */
@Entity
@Table(name = "lease_result")
public class LeaseResult {

    @Id
    private UUID leaseId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "job_id")
    private JobVerification job;

    @Column(nullable = false)
    private String provider;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LeaseResultStatus status;

    private Bytes32 commitment;
    private Bytes32 resultDigest;
    private Bytes32 salt;

    @Enumerated(EnumType.STRING)
    private RejectionReason rejectionReason;

    private String evidence;

    @Column(nullable = false)
    private Instant awardedAt;
    private Instant committedAt;
    private Instant revealedAt;
    private Instant decidedAt;

    protected LeaseResult() {
    }

    LeaseResult(JobVerification job, UUID leaseId, String provider, Instant awardedAt) {
        this.job = job;
        this.leaseId = leaseId;
        this.provider = provider;
        this.awardedAt = awardedAt;
        this.status = LeaseResultStatus.AWAITING_COMMITMENT;
    }

    void commit(Bytes32 commitment, Instant now) {
        if (this.commitment != null) {
            if (this.commitment.equals(commitment)) {
                return;
            }
            throw new IllegalResultMove("commitment-already-recorded",
                    "Lease " + leaseId + " already has commitment " + this.commitment
                            + "; a commitment is made once and cannot change",
                    "commitment");
        }
        this.commitment = commitment;
        this.committedAt = now;
        this.status = LeaseResultStatus.COMMITTED;
    }

    /** True when this exact reveal was already recorded, so repeating it is harmless. */
    boolean alreadyRevealed(Bytes32 digest, Bytes32 salt) {
        if (revealedAt == null) {
            return false;
        }
        if (resultDigest.equals(digest) && this.salt.equals(salt)) {
            return true;
        }
        throw new IllegalResultMove("already-revealed",
                "Lease " + leaseId + " already revealed digest " + resultDigest + "; a reveal cannot change",
                "resultDigest");
    }

    /** Records the reveal; true when it hashes to the commitment. */
    boolean reveal(UUID jobId, Bytes32 digest, Bytes32 salt, Instant now) {
        if (commitment == null) {
            throw new IllegalStateException("lease " + leaseId + " has no commitment to reveal against");
        }
        this.resultDigest = digest;
        this.salt = salt;
        this.revealedAt = now;
        this.status = LeaseResultStatus.REVEALED;
        return Commitment.of(jobId, digest, salt).equals(commitment);
    }

    Verdict verify(Instant now) {
        decide(LeaseResultStatus.VERIFIED, null, null, now);
        return new Verdict.Verified(leaseId, job.jobId(), provider, resultDigest);
    }

    Verdict reject(RejectionReason reason, String evidence, Instant now) {
        decide(LeaseResultStatus.REJECTED, reason, evidence, now);
        return new Verdict.Rejected(leaseId, job.jobId(), provider, reason, evidence);
    }

    private void decide(LeaseResultStatus verdict, RejectionReason reason, String evidence, Instant now) {
        if (status != LeaseResultStatus.REVEALED) {
            throw new IllegalStateException("lease " + leaseId + " is " + status + ", not awaiting a verdict");
        }
        this.status = verdict;
        this.rejectionReason = reason;
        this.evidence = evidence;
        this.decidedAt = now;
    }

    /**
     * The lease ended without a result being due (its job cancelled, or its consumer's funds ran out): a lease still
     * without a verdict expects no result any more and takes the given final status. A verdict already given stands.
     */
    void endWithoutResult(LeaseResultStatus ending) {
        if (ending != LeaseResultStatus.CANCELLED && ending != LeaseResultStatus.LAPSED) {
            throw new IllegalArgumentException(ending + " is not an ending without a result");
        }
        if (status != LeaseResultStatus.VERIFIED && status != LeaseResultStatus.REJECTED) {
            this.status = ending;
        }
    }

    boolean hasRevealed() {
        return revealedAt != null;
    }

    boolean hasCommitted() {
        return commitment != null;
    }

    /** Revealed a digest that matched the commitment (whether or not that digest won). */
    boolean revealMatched() {
        return hasRevealed() && rejectionReason != RejectionReason.COMMITMENT_MISMATCH;
    }

    boolean awaitsVerdict() {
        return status == LeaseResultStatus.REVEALED;
    }

    public boolean isProvidedBy(String address) {
        return provider.equalsIgnoreCase(address);
    }

    public UUID leaseId() {
        return leaseId;
    }

    public String provider() {
        return provider;
    }

    public LeaseResultStatus status() {
        return status;
    }

    public Optional<Bytes32> commitment() {
        return Optional.ofNullable(commitment);
    }

    public Optional<Bytes32> resultDigest() {
        return Optional.ofNullable(resultDigest);
    }

    public Optional<RejectionReason> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }

    public Optional<String> evidence() {
        return Optional.ofNullable(evidence);
    }

    public Instant awardedAt() {
        return awardedAt;
    }

    public Optional<Instant> committedAt() {
        return Optional.ofNullable(committedAt);
    }

    public Optional<Instant> revealedAt() {
        return Optional.ofNullable(revealedAt);
    }

    public Optional<Instant> decidedAt() {
        return Optional.ofNullable(decidedAt);
    }
}
