package com.computemarket.matching.leases.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A lease's verdict: what a rejection closes, whether it ended the run, and what a refund leaves undecided. */
class LeaseVerdictTest {

    private static final Instant AWARDED_AT = Instant.parse("2026-11-26T12:00:30Z");
    private static final Instant LATER = AWARDED_AT.plusSeconds(600);
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    private final Lease lease = Lease.award(UUID.randomUUID(), UUID.randomUUID(),
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", PROVIDER, new BigInteger("1500000000000000000"), 1800,
            UUID.randomUUID(), AWARDED_AT);

    @Test
    void aRejectionClosesARunningLeaseAndEndsItsRun() {
        Lease.Rejection rejection = lease.reject(PROVIDER.toLowerCase(), LATER);

        assertThat(rejection.endedTheRun()).isTrue();
        assertThat(rejection.closed()).hasValueSatisfying(closed -> {
            assertThat(closed.reason()).isEqualTo(LeaseCloseReason.VERIFICATION_FAILED);
            assertThat(closed.closedAt()).isEqualTo(LATER);
        });
        assertThat(lease.status()).isEqualTo(LeaseStatus.VERIFICATION_FAILED);
        assertThat(lease.failed()).isTrue();
        assertThat(lease.awaitsVerdict()).isFalse();
    }

    @Test
    void aVerifiedLeaseIsNotSilentWhileEscrowSettlesIt() {
        Instant longAfter = AWARDED_AT.plus(Duration.ofHours(1));
        assertThat(lease.isSilentSince(longAfter)).as("no heartbeat since the award").isTrue();

        lease.noteVerified(PROVIDER);

        assertThat(lease.isSilentSince(longAfter)).isFalse();
    }

    @Test
    void aRepeatedRejectionChangesNothing() {
        lease.reject(PROVIDER, LATER);

        Lease.Rejection again = lease.reject(PROVIDER, LATER.plusSeconds(5));

        assertThat(again.endedTheRun()).isFalse();
        assertThat(again.closed()).isEmpty();
        assertThat(lease.closedAt()).isEqualTo(LATER);
    }

    @Test
    void aRefundAwaitsItsVerdictAndTheRejectionThenEndsTheRunWithoutClosingAgain() {
        lease.closeOnSettlement(SettlementOutcome.REFUNDED, LATER);
        assertThat(lease.awaitsVerdict()).isTrue();
        assertThat(lease.failed()).isFalse();

        Lease.Rejection rejection = lease.reject(PROVIDER, LATER.plusSeconds(1));

        assertThat(rejection.endedTheRun()).isTrue();
        assertThat(rejection.closed()).isEmpty();
        assertThat(lease.awaitsVerdict()).isFalse();
        assertThat(lease.failed()).isTrue();
        assertThat(lease.closedAt()).isEqualTo(LATER);
    }

    @Test
    void aRefundOfAVerifiedResultNoLongerAwaitsAndIsNotAFailure() {
        lease.closeOnSettlement(SettlementOutcome.REFUNDED, LATER);

        lease.noteVerified(PROVIDER);

        assertThat(lease.awaitsVerdict()).isFalse();
        assertThat(lease.failed()).isFalse();
        assertThat(lease.verdict()).isEqualTo(LeaseVerdict.VERIFIED);
    }

    @Test
    void aRejectionOfALeaseThatEndedOtherwiseNeitherClosesItNorEndsItsRun() {
        lease.closeOnConsumerCancel(LATER, Duration.ofSeconds(30));

        Lease.Rejection rejection = lease.reject(PROVIDER, LATER.plusSeconds(1));

        assertThat(rejection.endedTheRun()).isFalse();
        assertThat(rejection.closed()).isEmpty();
        assertThat(lease.status()).isEqualTo(LeaseStatus.CANCELLED);
    }

    @Test
    void aVerdictForAnotherProviderOrContradictingTheFirstIsRefused() {
        assertThatThrownBy(() -> lease.reject("0x90F79bf6EB2c4f870365E785982E1f101E93b906", LATER))
                .isInstanceOf(IllegalStateException.class);
        lease.noteVerified(PROVIDER);
        assertThatThrownBy(() -> lease.reject(PROVIDER, LATER)).isInstanceOf(IllegalStateException.class);
        assertThat(lease.status()).isEqualTo(LeaseStatus.ACTIVE);
    }
}
