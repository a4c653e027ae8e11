package com.computemarket.verification.results.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.VerificationMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobVerificationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final UUID JOB = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10");
    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final Bytes32 GOOD = digest('a');
    private static final Bytes32 BAD = digest('b');
    private static final Bytes32 OTHER = digest('c');
    private static final Bytes32 SALT = digest('5');

    private final UUID lease1 = UUID.randomUUID();
    private final UUID lease2 = UUID.randomUUID();
    private final UUID lease3 = UUID.randomUUID();

    @Test
    void aMatchingRevealWithoutRedundancyIsVerified() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);

        List<Verdict> verdicts = job.reveal(lease1, GOOD, SALT, NOW);

        assertThat(verdicts).containsExactly(new Verdict.Verified(lease1, JOB, provider(lease1), GOOD));
        assertThat(status(job, lease1)).isEqualTo(LeaseResultStatus.VERIFIED);
    }

    @Test
    void aRevealThatDoesNotHashToTheCommitmentIsRejected() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);

        List<Verdict> verdicts = job.reveal(lease1, BAD, SALT, NOW);

        assertThat(verdicts).singleElement().isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.COMMITMENT_MISMATCH);
            assertThat(rejected.evidence()).contains(Commitment.of(JOB, GOOD, SALT).hex());
        });
        assertThat(status(job, lease1)).isEqualTo(LeaseResultStatus.REJECTED);
    }

    @Test
    void aCommitmentIsMadeOnceButRepeatingTheSameOneIsHarmless() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);

        assertThatThrownBy(() -> job.commit(lease1, Commitment.of(JOB, BAD, SALT), NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class, move -> {
                    assertThat(move.problem()).isEqualTo("commitment-already-recorded");
                    assertThat(move.field()).isEqualTo("commitment");
                });
        assertThat(job.findLease(lease1).orElseThrow().commitment()).contains(Commitment.of(JOB, GOOD, SALT));
    }

    @Test
    void aRevealBeforeTheCommitmentIsRefused() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);

        assertThatThrownBy(() -> job.reveal(lease1, GOOD, SALT, NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class,
                        move -> assertThat(move.problem()).isEqualTo("not-committed"));
    }

    @Test
    void redundantRevealsOpenOnlyOnceEveryReplicaHasCommitted() {
        JobVerification job = job(VerificationMode.REDUNDANT, 3, lease1, lease2, lease3);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);
        job.commit(lease2, Commitment.of(JOB, GOOD, SALT), NOW);

        assertThatThrownBy(() -> job.reveal(lease1, GOOD, SALT, NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class,
                        move -> assertThat(move.problem()).isEqualTo("reveal-too-early"));
        assertThat(status(job, lease1)).isEqualTo(LeaseResultStatus.COMMITTED);
    }

    @Test
    void twoOfThreeAgreeingAreVerifiedAndTheThirdIsOutvotedWhenItReveals() {
        JobVerification job = committedRedundantJob(GOOD, GOOD, BAD);

        assertThat(job.reveal(lease1, GOOD, SALT, NOW)).isEmpty();
        List<Verdict> quorumReached = job.reveal(lease2, GOOD, SALT, NOW);
        List<Verdict> late = job.reveal(lease3, BAD, SALT, NOW);

        assertThat(quorumReached).containsExactlyInAnyOrder(
                new Verdict.Verified(lease1, JOB, provider(lease1), GOOD),
                new Verdict.Verified(lease2, JOB, provider(lease2), GOOD));
        assertThat(late).singleElement().isInstanceOfSatisfying(Verdict.Rejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.OUTVOTED);
            assertThat(rejected.evidence())
                    .isEqualTo("digest " + BAD + " agreed by 1 of 3 replicas; " + GOOD + " agreed by 2 of 3, quorum 2");
        });
    }

    @Test
    void aDissenterThatRevealedBeforeTheQuorumIsOutvotedWhenTheQuorumForms() {
        JobVerification job = committedRedundantJob(BAD, GOOD, GOOD);

        assertThat(job.reveal(lease1, BAD, SALT, NOW)).isEmpty();
        assertThat(job.reveal(lease2, GOOD, SALT, NOW)).isEmpty();
        List<Verdict> verdicts = job.reveal(lease3, GOOD, SALT, NOW);

        assertThat(verdicts).hasSize(3);
        assertThat(status(job, lease1)).isEqualTo(LeaseResultStatus.REJECTED);
        assertThat(job.findLease(lease1).orElseThrow().rejectionReason()).contains(RejectionReason.OUTVOTED);
        assertThat(status(job, lease2)).isEqualTo(LeaseResultStatus.VERIFIED);
        assertThat(status(job, lease3)).isEqualTo(LeaseResultStatus.VERIFIED);
    }

    @Test
    void threeDifferentDigestsAreNoConsensusForAll() {
        JobVerification job = committedRedundantJob(GOOD, BAD, OTHER);

        job.reveal(lease1, GOOD, SALT, NOW);
        job.reveal(lease2, BAD, SALT, NOW);
        List<Verdict> verdicts = job.reveal(lease3, OTHER, SALT, NOW);

        assertThat(verdicts).hasSize(3).allSatisfy(verdict -> assertThat(verdict)
                .isInstanceOfSatisfying(Verdict.Rejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.NO_CONSENSUS)));
    }

    @Test
    void aMismatchedRevealGetsItsOwnVerdictAndCompletesTheRoundForTheOthers() {
        JobVerification job = committedRedundantJob(GOOD, BAD, GOOD);

        job.reveal(lease1, GOOD, SALT, NOW);
        job.reveal(lease2, BAD, SALT, NOW);
        List<Verdict> verdicts = job.reveal(lease3, BAD, SALT, NOW); // committed to GOOD, reveals BAD

        assertThat(verdicts).extracting(Verdict::leaseId).containsExactlyInAnyOrder(lease1, lease2, lease3);
        assertThat(job.findLease(lease3).orElseThrow().rejectionReason())
                .contains(RejectionReason.COMMITMENT_MISMATCH);
        assertThat(job.findLease(lease1).orElseThrow().rejectionReason()).contains(RejectionReason.NO_CONSENSUS);
        assertThat(job.findLease(lease2).orElseThrow().rejectionReason()).contains(RejectionReason.NO_CONSENSUS);
    }

    @Test
    void repeatingTheSameRevealGivesNoSecondVerdictAndAChangedRevealIsRefused() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);
        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);
        job.reveal(lease1, GOOD, SALT, NOW);

        assertThat(job.reveal(lease1, GOOD, SALT, NOW)).isEmpty();
        assertThatThrownBy(() -> job.reveal(lease1, BAD, SALT, NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class,
                        move -> assertThat(move.problem()).isEqualTo("already-revealed"));
    }

    @Test
    void onlyTheLeasesProviderAndTheJobsConsumerMaySeeAResult() {
        JobVerification job = job(VerificationMode.REDUNDANT, 3, lease1, lease2, lease3);

        assertThat(job.mayBeSeenBy(lease1, provider(lease1).toLowerCase())).isTrue();
        assertThat(job.mayBeSeenBy(lease1, CONSUMER)).isTrue();
        assertThat(job.mayBeSeenBy(lease1, provider(lease2))).isFalse();
    }

    @Test
    void awardingTheSameLeaseTwiceKeepsOneLease() {
        JobVerification job = job(VerificationMode.NONE, 1, lease1);
        job.awardLease(lease1, provider(lease1), NOW);

        job.commit(lease1, Commitment.of(JOB, GOOD, SALT), NOW);
        assertThat(job.reveal(lease1, GOOD, SALT, NOW)).hasSize(1);
    }

    private JobVerification committedRedundantJob(Bytes32 digest1, Bytes32 digest2, Bytes32 digest3) {
        JobVerification job = job(VerificationMode.REDUNDANT, 3, lease1, lease2, lease3);
        job.commit(lease1, Commitment.of(JOB, digest1, SALT), NOW);
        job.commit(lease2, Commitment.of(JOB, digest2, SALT), NOW);
        job.commit(lease3, Commitment.of(JOB, digest3, SALT), NOW);
        return job;
    }

    private static JobVerification job(VerificationMode mode, int replicas, UUID... leases) {
        JobVerification job = new JobVerification(JOB, CONSUMER, replicas, mode);
        for (UUID lease : leases) {
            job.awardLease(lease, provider(lease), NOW);
        }
        return job;
    }

    private static String provider(UUID lease) {
        return "0x" + lease.toString().replace("-", "").substring(0, 32) + "AbCdEf01";
    }

    private static LeaseResultStatus status(JobVerification job, UUID lease) {
        return job.findLease(lease).orElseThrow().status();
    }

    private static Bytes32 digest(char hexDigit) {
        return new Bytes32("0x" + String.valueOf(hexDigit).repeat(64));
    }
}
