package com.computemarket.escrow.funding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobHoldTest {

    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final JobHold hold = JobHold.placed(UUID.randomUUID(), 1, CONSUMER, BigInteger.valueOf(600), NOW);

    @Test
    void theAwardIsFullyFundedWithItsLastLease() {
        hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.valueOf(150), 2, NOW);
        assertThat(hold.awardFullyFunded()).isFalse();

        LeaseEscrow last = hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.valueOf(120), 2, NOW);

        assertThat(hold.awardFullyFunded()).isTrue();
        assertThat(hold.status()).isEqualTo(HoldStatus.AWARDED);
        assertThat(last.amount()).isEqualTo(BigInteger.valueOf(120));
        assertThat(last.status()).isEqualTo(LeaseStatus.FUNDED);
    }

    @Test
    void refusesALeaseForAnotherConsumerOrAnInconsistentAward() {
        assertThatThrownBy(() -> hold.fundLease(UUID.randomUUID(), PROVIDER, PROVIDER, BigInteger.TEN, 1, NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
        hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.TEN, 3, NOW);
        assertThatThrownBy(() -> hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.TEN, 2, NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void refusesAnotherLeaseOnceTheAwardIsFunded() {
        hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.TEN, 1, NOW);

        assertThatThrownBy(() -> hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.TEN, 1, NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void expiringReleasesAHeldJobOnceAndARejectedJobNever() {
        assertThat(hold.expire()).isTrue();
        assertThat(hold.status()).isEqualTo(HoldStatus.RELEASED);
        assertThat(hold.expire()).isFalse();

        JobHold rejected = JobHold.rejected(UUID.randomUUID(), 1, CONSUMER, BigInteger.TEN, NOW);
        assertThat(rejected.expire()).isFalse();
    }

    @Test
    void aVerifiedLeasePaysTheProviderTheEscrowLessTheFeeRoundedDown() {
        LeaseEscrow lease = hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.valueOf(399), 1, NOW);

        Settlement settlement = lease.pay(PROVIDER, 250, UUID.randomUUID(), NOW);

        assertThat(settlement.outcome()).isEqualTo(SettlementOutcome.PAID);
        assertThat(settlement.protocolFee()).isEqualTo(BigInteger.valueOf(9));
        assertThat(settlement.providerPayout()).isEqualTo(BigInteger.valueOf(390));
        assertThat(settlement.consumerRefund()).isZero();
        assertThat(lease.status()).isEqualTo(LeaseStatus.PAID);
    }

    @Test
    void aRejectedLeaseRefundsTheWholeEscrowAndCannotBeSettledAgain() {
        LeaseEscrow lease = hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.valueOf(399), 1, NOW);

        Settlement settlement = lease.refund(PROVIDER, UUID.randomUUID(), NOW);

        assertThat(settlement.outcome()).isEqualTo(SettlementOutcome.REFUNDED);
        assertThat(settlement.consumerRefund()).isEqualTo(BigInteger.valueOf(399));
        assertThat(settlement.providerPayout().add(settlement.protocolFee())).isZero();
        assertThatThrownBy(() -> lease.pay(PROVIDER, 250, UUID.randomUUID(), NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void refusesAVerdictNamingAnotherProvider() {
        LeaseEscrow lease = hold.fundLease(UUID.randomUUID(), CONSUMER, PROVIDER, BigInteger.TEN, 1, NOW);

        assertThatThrownBy(() -> lease.pay(CONSUMER, 250, UUID.randomUUID(), NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }
}
