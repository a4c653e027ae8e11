package com.computemarket.verification.results.model;

import com.computemarket.events.VerificationMode;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The verification of one job: its leases (one per replica) and the rule that turns their reveals into verdicts.
 * Every move on a lease goes through here because, under REDUNDANT verification, one reveal can decide the others.
 * Callers hold a row lock on the job while they move it, so concurrent reveals decide once.
 */
@Entity
@Table(name = "job_verification")
public class JobVerification {

    @Id
    private UUID jobId;

    @Column(nullable = false)
    private String consumer;

    @Column(nullable = false)
    private int replicas;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VerificationMode verificationMode;

    @OneToMany(mappedBy = "job", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("awardedAt, leaseId")
    private List<LeaseResult> leases = new ArrayList<>();

    protected JobVerification() {
    }

    public JobVerification(UUID jobId, String consumer, int replicas, VerificationMode verificationMode) {
        if (replicas < 1) {
            throw new IllegalArgumentException("a job has at least one replica, was " + replicas);
        }
        this.jobId = jobId;
        this.consumer = consumer;
        this.replicas = replicas;
        this.verificationMode = verificationMode;
    }

    /** A lease of this job was awarded; registering the same lease again changes nothing. */
    public void awardLease(UUID leaseId, String provider, Instant awardedAt) {
        if (findLease(leaseId).isEmpty()) {
            leases.add(new LeaseResult(this, leaseId, provider, awardedAt));
        }
    }

    public void commit(UUID leaseId, Bytes32 commitment, Instant now) {
        leaseExpectingAResult(leaseId).commit(commitment, now);
    }

    /**
     * The consumer cancelled the job and matching closed this lease: its result is not expected any more, so no
     * commitment or reveal is taken for it and it never gets a verdict (which would move its provider's reputation
     * for work nobody pays for). An unknown lease or a verdict already given is left as it is.
     */
    public void cancelLease(UUID leaseId) {
        findLease(leaseId).ifPresent(lease -> lease.endWithoutResult(LeaseResultStatus.CANCELLED));
    }

    /**
     * Escrow's grace period ran out and matching closed this lease for insufficient funds: escrow has already settled
     * it (earned time paid, nothing slashed), so a later result could only give a verdict that moves nothing but
     * reputation, and a rejection would meet collateral already released. Like a cancel, it takes no result any more.
     */
    public void lapseLease(UUID leaseId) {
        findLease(leaseId).ifPresent(lease -> lease.endWithoutResult(LeaseResultStatus.LAPSED));
    }

    private LeaseResult leaseExpectingAResult(UUID leaseId) {
        LeaseResult lease = lease(leaseId);
        switch (lease.status()) {
            case CANCELLED -> throw new IllegalResultMove("lease-cancelled",
                    "The consumer cancelled the job of lease " + leaseId + "; no result is expected", "leaseId");
            case LAPSED -> throw new IllegalResultMove("lease-lapsed",
                    "Lease " + leaseId + " was closed because its consumer's funds ran out; no result is expected",
                    "leaseId");
            default -> { }
        }
        return lease;
    }

    /**
     * Records a reveal and returns the verdicts it causes: none while a REDUNDANT job waits for a quorum, this
     * lease's verdict, or (when it completes a quorum or the last reveal) the verdicts of every lease that awaited one.
     * Repeating the same reveal returns no verdicts.
     */
    public List<Verdict> reveal(UUID leaseId, Bytes32 resultDigest, Bytes32 salt, Instant now) {
        LeaseResult lease = leaseExpectingAResult(leaseId);
        if (lease.alreadyRevealed(resultDigest, salt)) {
            return List.of();
        }
        if (!lease.hasCommitted()) {
            throw new IllegalResultMove("not-committed",
                    "Lease " + leaseId + " has no commitment yet; commit before revealing", null);
        }
        if (verificationMode == VerificationMode.REDUNDANT && committedReplicas() < replicas) {
            throw new IllegalResultMove("reveal-too-early",
                    "Reveals open once all %d replicas of job %s have committed; %d have"
                            .formatted(replicas, jobId, committedReplicas()),
                    null);
        }
        List<Verdict> verdicts = new ArrayList<>();
        if (!lease.reveal(jobId, resultDigest, salt, now)) {
            verdicts.add(lease.reject(RejectionReason.COMMITMENT_MISMATCH,
                    "commitment %s does not equal keccak256(jobId ‖ resultDigest ‖ salt) = %s"
                            .formatted(lease.commitment().orElseThrow(), Commitment.of(jobId, resultDigest, salt)),
                    now));
        } else if (verificationMode == VerificationMode.NONE) {
            verdicts.add(lease.verify(now));
        }
        if (verificationMode == VerificationMode.REDUNDANT) {
            verdicts.addAll(judgeReplicas(now));
        }
        return verdicts;
    }

    private List<Verdict> judgeReplicas(Instant now) {
        List<Bytes32> matchingDigests = leases.stream()
                .filter(LeaseResult::revealMatched)
                .map(lease -> lease.resultDigest().orElseThrow())
                .toList();
        int revealed = (int) leases.stream().filter(LeaseResult::hasRevealed).count();
        RedundancyConsensus.Outcome outcome = new RedundancyConsensus(replicas).judge(matchingDigests, revealed);
        List<LeaseResult> undecided = leases.stream().filter(LeaseResult::awaitsVerdict).toList();
        return switch (outcome) {
            case RedundancyConsensus.Pending pending -> List.of();
            case RedundancyConsensus.Agreed agreed -> undecided.stream()
                    .map(lease -> {
                        Bytes32 digest = lease.resultDigest().orElseThrow();
                        return agreed.accepts(digest)
                                ? lease.verify(now)
                                : lease.reject(RejectionReason.OUTVOTED, agreed.evidenceAgainst(digest), now);
                    })
                    .toList();
            case RedundancyConsensus.NoConsensus none -> undecided.stream()
                    .map(lease -> lease.reject(RejectionReason.NO_CONSENSUS, none.evidence(), now))
                    .toList();
        };
    }

    private int committedReplicas() {
        return (int) leases.stream().filter(LeaseResult::hasCommitted).count();
    }

    private LeaseResult lease(UUID leaseId) {
        return findLease(leaseId)
                .orElseThrow(() -> new IllegalArgumentException("lease " + leaseId + " is not a lease of job " + jobId));
    }

    public Optional<LeaseResult> findLease(UUID leaseId) {
        return leases.stream().filter(lease -> lease.leaseId().equals(leaseId)).findFirst();
    }

    /** The lease's provider and the job's consumer may see a lease's result; nobody else. */
    public boolean mayBeSeenBy(UUID leaseId, String address) {
        return consumer.equalsIgnoreCase(address)
                || findLease(leaseId).map(lease -> lease.isProvidedBy(address)).orElse(false);
    }

    public UUID jobId() {
        return jobId;
    }

    public String consumer() {
        return consumer;
    }

    public int replicas() {
        return replicas;
    }

    public VerificationMode verificationMode() {
        return verificationMode;
    }
}
