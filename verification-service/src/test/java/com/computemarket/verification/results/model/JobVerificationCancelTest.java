package com.computemarket.verification.results.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.VerificationMode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A lease closed for its job's cancel, or for its consumer's lack of funds, expects no result: no commitment, no reveal,
 * no verdict; verdicts given stand.
 */
class JobVerificationCancelTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final UUID JOB = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10");
    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final Bytes32 DIGEST = new Bytes32("0x" + "a".repeat(64));
    private static final Bytes32 SALT = new Bytes32("0x" + "5".repeat(64));

    private final UUID lease = UUID.randomUUID();

    @Test
    void aCancelledLeaseTakesNoCommitmentAndNoRevealAndGetsNoVerdict() {
        JobVerification awaiting = jobWithOneLease();
        JobVerification committed = jobWithOneLease();
        committed.commit(lease, Commitment.of(JOB, DIGEST, SALT), NOW);

        awaiting.cancelLease(lease);
        committed.cancelLease(lease);

        assertThat(status(awaiting)).isEqualTo(LeaseResultStatus.CANCELLED);
        assertThat(status(committed)).isEqualTo(LeaseResultStatus.CANCELLED);
        assertThatThrownBy(() -> awaiting.commit(lease, Commitment.of(JOB, DIGEST, SALT), NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class, move -> {
                    assertThat(move.problem()).isEqualTo("lease-cancelled");
                    assertThat(move.field()).isEqualTo("leaseId");
                });
        assertThatThrownBy(() -> committed.reveal(lease, DIGEST, SALT, NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class,
                        move -> assertThat(move.problem()).isEqualTo("lease-cancelled"));
        assertThat(status(committed)).isEqualTo(LeaseResultStatus.CANCELLED);
    }

    @Test
    void aVerdictGivenBeforeTheCancelStandsAndAnUnknownLeaseIsIgnored() {
        JobVerification job = jobWithOneLease();
        job.commit(lease, Commitment.of(JOB, DIGEST, SALT), NOW);
        job.reveal(lease, DIGEST, SALT, NOW);

        job.cancelLease(lease);
        job.cancelLease(UUID.randomUUID());

        assertThat(status(job)).isEqualTo(LeaseResultStatus.VERIFIED);
    }

    @Test
    void aLapsedLeaseTakesNoRevealAndAVerdictGivenBeforeTheLapseStands() {
        JobVerification committed = jobWithOneLease();
        committed.commit(lease, Commitment.of(JOB, DIGEST, SALT), NOW);
        JobVerification verified = jobWithOneLease();
        verified.commit(lease, Commitment.of(JOB, DIGEST, SALT), NOW);
        verified.reveal(lease, DIGEST, SALT, NOW);

        committed.lapseLease(lease);
        verified.lapseLease(lease);

        assertThat(status(committed)).isEqualTo(LeaseResultStatus.LAPSED);
        assertThatThrownBy(() -> committed.reveal(lease, DIGEST, SALT, NOW))
                .isInstanceOfSatisfying(IllegalResultMove.class, move -> {
                    assertThat(move.problem()).isEqualTo("lease-lapsed");
                    assertThat(move.field()).isEqualTo("leaseId");
                });
        assertThat(status(committed)).isEqualTo(LeaseResultStatus.LAPSED);
        assertThat(status(verified)).isEqualTo(LeaseResultStatus.VERIFIED);
    }

    private JobVerification jobWithOneLease() {
        JobVerification job = new JobVerification(JOB, CONSUMER, 1, VerificationMode.NONE);
        job.awardLease(lease, PROVIDER, NOW);
        return job;
    }

    private LeaseResultStatus status(JobVerification job) {
        return job.findLease(lease).orElseThrow().status();
    }
}
