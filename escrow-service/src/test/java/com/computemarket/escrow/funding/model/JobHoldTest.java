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

    private static final LeaseBalances BALANCES = new LeaseBalances(BigInteger.TEN, BigInteger.ZERO, BigInteger.ZERO);

    private final JobHold hold = JobHold.placed(UUID.randomUUID(), 1, CONSUMER, BigInteger.valueOf(600), NOW);

    @Test
    void theAwardIsFullyFundedWithItsLastLease() {
        hold.fundLease(award(CONSUMER, 2), BigInteger.valueOf(150), NOW);
        assertThat(hold.awardFullyFunded()).isFalse();

        LeaseEscrow last = hold.fundLease(award(CONSUMER, 2), BigInteger.valueOf(120), NOW);

        assertThat(hold.awardFullyFunded()).isTrue();
        assertThat(hold.status()).isEqualTo(HoldStatus.AWARDED);
        assertThat(last.amount()).isEqualTo(BigInteger.valueOf(120));
        assertThat(last.status()).isEqualTo(LeaseStatus.FUNDED);
    }

    @Test
    void refusesALeaseForAnotherConsumerOrAnInconsistentAward() {
        assertThatThrownBy(() -> hold.fundLease(award(PROVIDER, 1), BigInteger.TEN, NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
        hold.fundLease(award(CONSUMER, 3), BigInteger.TEN, NOW);
        assertThatThrownBy(() -> hold.fundLease(award(CONSUMER, 2), BigInteger.TEN, NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void refusesAnotherLeaseOnceTheAwardIsFunded() {
        hold.fundLease(award(CONSUMER, 1), BigInteger.TEN, NOW);

        assertThatThrownBy(() -> hold.fundLease(award(CONSUMER, 1), BigInteger.TEN, NOW))
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
        LeaseEscrow lease = hold.fundLease(award(CONSUMER, 1), BigInteger.valueOf(399), NOW);

        lease.meterUntil(NOW.plusSeconds(7200));
        Settlement settlement = lease.pay(PROVIDER, new LeaseBalances(BigInteger.valueOf(399), BigInteger.ZERO,
                BigInteger.ZERO), 250, UUID.randomUUID(), NOW);

        assertThat(settlement.outcome()).isEqualTo(SettlementOutcome.PAID);
        assertThat(settlement.protocolFee()).isEqualTo(BigInteger.valueOf(9));
        assertThat(settlement.providerPayout()).isEqualTo(BigInteger.valueOf(390));
        assertThat(settlement.consumerRefund()).isZero();
        assertThat(lease.status()).isEqualTo(LeaseStatus.PAID);
    }

    @Test
    void aRejectedLeaseRefundsTheWholeEscrowAndCannotBeSettledAgain() {
        LeaseEscrow lease = hold.fundLease(award(CONSUMER, 1), BigInteger.valueOf(399), NOW);

        Settlement settlement = lease.refund(PROVIDER, new LeaseBalances(BigInteger.valueOf(99),
                BigInteger.valueOf(300), BigInteger.ZERO), UUID.randomUUID(), NOW);

        assertThat(settlement.outcome()).isEqualTo(SettlementOutcome.REFUNDED);
        assertThat(settlement.consumerRefund()).isEqualTo(BigInteger.valueOf(399));
        assertThat(settlement.providerPayout().add(settlement.protocolFee())).isZero();
        assertThatThrownBy(() -> lease.pay(PROVIDER, BALANCES, 250, UUID.randomUUID(), NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void refusesAVerdictNamingAnotherProvider() {
        LeaseEscrow lease = hold.fundLease(award(CONSUMER, 1), BigInteger.TEN, NOW);

        assertThatThrownBy(() -> lease.pay(CONSUMER, BALANCES, 250, UUID.randomUUID(), NOW))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    /** A one-hour lease whose price makes its whole run cost what the tests fund it with. */
    private static Award award(String consumer, int leasesInAward) {
        return new Award(UUID.randomUUID(), consumer, PROVIDER, BigInteger.valueOf(399), 3600, leasesInAward, NOW);
    }
}
