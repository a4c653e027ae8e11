package com.computemarket.matching.leases.model;

import java.util.Optional;
import java.util.List;
import java.time.Duration;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.LeaseDowntimeRecorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.LeaseAwarded;
import com.computemarket.events.LeaseCloseReason;
import com.computemarket.events.LeaseClosed;
import com.computemarket.events.SettlementOutcome;
import com.computemarket.events.VerificationMode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeaseTest {

    private static final Instant AWARDED_AT = Instant.parse("2026-11-26T12:00:30Z");
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final Duration GAP = Duration.ofSeconds(30);

    private final Lease lease = Lease.award(UUID.randomUUID(), UUID.randomUUID(),
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", PROVIDER, new BigInteger("1500000000000000000"), 1800,
            UUID.randomUUID(), AWARDED_AT);

    @Test
    void anAwardedLeaseIsActiveAndAnnouncesItsAward() {
        LeaseAwarded awarded = lease.awarded(3, 3, VerificationMode.REDUNDANT);

        assertThat(lease.status()).isEqualTo(LeaseStatus.ACTIVE);
        assertThat(awarded.leaseId()).isEqualTo(lease.id());
        assertThat(awarded.leasesInAward()).isEqualTo(3);
        assertThat(awarded.awardedAt()).isEqualTo(AWARDED_AT);
        assertThat(lease.escrowAmount()).isEqualTo(new BigInteger("750000000000000000"));
    }

    @Test
    void fundingIsRecordedOnce() {
        lease.noteFunded(AWARDED_AT.plusSeconds(1));
        lease.noteFunded(AWARDED_AT.plusSeconds(9));

        assertThat(lease.fundedAt()).isEqualTo(AWARDED_AT.plusSeconds(1));
    }

    @Test
    void aPaidSettlementCompletesTheLease() {
        lease.recordHeartbeat(AWARDED_AT.plusSeconds(60), GAP);

        LeaseClosed closed = lease.closeOnSettlement(SettlementOutcome.PAID, AWARDED_AT.plusSeconds(600));

        assertThat(lease.status()).isEqualTo(LeaseStatus.COMPLETED);
        assertThat(closed.reason()).isEqualTo(LeaseCloseReason.COMPLETED);
        assertThat(lease.lastHeartbeatAt()).isEqualTo(AWARDED_AT.plusSeconds(60));
        assertThat(lease.isClosed()).isTrue();
    }

    @Test
    void aLapsedSettlementClosesTheLeaseForInsufficientFunds() {
        LeaseClosed closed = lease.closeOnSettlement(SettlementOutcome.LAPSED, AWARDED_AT.plusSeconds(600));

        assertThat(lease.status()).isEqualTo(LeaseStatus.LAPSED);
        assertThat(closed.reason()).isEqualTo(LeaseCloseReason.INSUFFICIENT_FUNDS);
        assertThat(lease.isClosed()).isTrue();
    }

    @Test
    void aRefundClosesTheLeaseAsFailedVerificationAndHeartbeatsStop() {
        lease.closeOnSettlement(SettlementOutcome.REFUNDED, AWARDED_AT.plusSeconds(600));

        assertThat(lease.status()).isEqualTo(LeaseStatus.VERIFICATION_FAILED);
        assertThat(lease.closeReason()).isEqualTo(LeaseCloseReason.VERIFICATION_FAILED);
        assertThatThrownBy(() -> lease.recordHeartbeat(AWARDED_AT.plusSeconds(700), GAP)).isInstanceOf(LeaseNotActive.class);
        assertThatThrownBy(() -> lease.closeOnSettlement(SettlementOutcome.PAID, AWARDED_AT))
                .isInstanceOf(LeaseNotActive.class);
    }

    @Test
    void theProviderIsRecognisedWhateverTheAddressCase() {
        assertThat(lease.isHeldBy(PROVIDER.toLowerCase())).isTrue();
        assertThat(lease.isHeldBy("0x90F79bf6EB2c4f870365E785982E1f101E93b906")).isFalse();
    }

    @Test
    void aHeartbeatAfterTooLongAGapRecordsThatDowntimeOnce() {
        assertThat(lease.recordHeartbeat(AWARDED_AT.plusSeconds(30), GAP)).isEmpty();

        Optional<LeaseDowntimeRecorded> downtime = lease.recordHeartbeat(AWARDED_AT.plusSeconds(100), GAP);

        assertThat(downtime).hasValueSatisfying(recorded -> {
            assertThat(recorded.downtimeStartedAt()).isEqualTo(AWARDED_AT.plusSeconds(60));
            assertThat(recorded.downtimeEndedAt()).isEqualTo(AWARDED_AT.plusSeconds(100));
        });
        assertThat(lease.recordHeartbeat(AWARDED_AT.plusSeconds(101), GAP)).isEmpty();
    }

    @Test
    void aSilentLeaseClosesForHeartbeatLossWithItsDowntime() {
        lease.recordHeartbeat(AWARDED_AT.plusSeconds(10), GAP);
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(10))).isFalse();
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(11))).isTrue();

        List<MarketEvent> events = lease.closeOnHeartbeatLost(AWARDED_AT.plusSeconds(200), GAP);

        assertThat(events).containsExactly(
                new LeaseDowntimeRecorded(lease.id(), lease.jobId(), lease.consumer(), PROVIDER,
                        AWARDED_AT.plusSeconds(40), AWARDED_AT.plusSeconds(200)),
                new LeaseClosed(lease.id(), lease.jobId(), PROVIDER, LeaseCloseReason.HEARTBEAT_LOST,
                        AWARDED_AT.plusSeconds(200)));
        assertThat(lease.status()).isEqualTo(LeaseStatus.FAILED);
        assertThat(lease.failed()).isTrue();
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(300))).isFalse();
    }

    @Test
    void aPauseRecordsTheDowntimeBeforeItAndSuspendsHeartbeatExpectationsUntilTheResume() {
        lease.recordHeartbeat(AWARDED_AT.plusSeconds(10), GAP);

        Optional<LeaseDowntimeRecorded> beforePause = lease.pause(AWARDED_AT.plusSeconds(100), GAP);

        assertThat(beforePause).get().satisfies(stretch -> {
            assertThat(stretch.downtimeStartedAt()).isEqualTo(AWARDED_AT.plusSeconds(40));
            assertThat(stretch.downtimeEndedAt()).isEqualTo(AWARDED_AT.plusSeconds(100));
        });
        assertThat(lease.pause(AWARDED_AT.plusSeconds(100), GAP)).as("paused already").isEmpty();
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(3600))).isFalse();
        assertThat(lease.recordHeartbeat(AWARDED_AT.plusSeconds(900), GAP)).isEmpty();

        lease.resume(AWARDED_AT.plusSeconds(1000));

        assertThat(lease.pausedAt()).isNull();
        assertThat(lease.lastSignOfLife()).isEqualTo(AWARDED_AT.plusSeconds(1000));
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(1000))).isFalse();
        assertThat(lease.isSilentSince(AWARDED_AT.plusSeconds(1001))).isTrue();
        assertThat(lease.recordHeartbeat(AWARDED_AT.plusSeconds(1030), GAP)).isEmpty();
    }

    @Test
    void aCancelOfASilentLeaseEmitsItsDowntimeThenTheClose() {
        lease.recordHeartbeat(AWARDED_AT.plusSeconds(10), GAP);

        List<MarketEvent> events = lease.closeOnConsumerCancel(AWARDED_AT.plusSeconds(100), GAP);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new LeaseDowntimeRecorded(lease.id(), lease.jobId(), lease.consumer(),
                PROVIDER, AWARDED_AT.plusSeconds(40), AWARDED_AT.plusSeconds(100)));
        assertThat(events.get(1)).isInstanceOfSatisfying(LeaseClosed.class,
                closed -> assertThat(closed.reason()).isEqualTo(LeaseCloseReason.CONSUMER_CANCELLED));
    }

    @Test
    void aCancelOfAPausedLeaseEmitsOnlyTheClose() {
        lease.pause(AWARDED_AT.plusSeconds(20), GAP);

        assertThat(lease.closeOnConsumerCancel(AWARDED_AT.plusSeconds(500), GAP)).singleElement()
                .isInstanceOf(LeaseClosed.class);
        lease.resume(AWARDED_AT.plusSeconds(600));
        assertThat(lease.status()).isEqualTo(LeaseStatus.CANCELLED);
    }
}
