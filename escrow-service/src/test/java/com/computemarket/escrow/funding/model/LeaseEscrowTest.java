package com.computemarket.escrow.funding.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.escrow.funding.model.MeterReading.Transition;
import com.computemarket.events.SettlementOutcome;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Metering a lease: per-second accrual, downtime, prefunding with top-ups, pause, resume and lapse. */
class LeaseEscrowTest {

    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final Instant AWARDED = Instant.parse("2026-11-26T12:00:00Z");
    /** One base unit per second, so that amounts read as seconds. */
    private static final BigInteger UNIT_PER_SECOND = BigInteger.valueOf(3600);
    private static final FundingTerms TERMS = new FundingTerms(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofMinutes(10));

    @Test
    void aRunningLeaseAccruesEverySecondItRanAndNeverTheSameSecondTwice() {
        LeaseEscrow lease = lease(100);

        MeterReading first = lease.meter(at(10), balances(100, 0, 0), TERMS);
        MeterReading again = lease.meter(at(10).plusMillis(900), balances(90, 10, 0), TERMS);
        MeterReading pastTheEnd = lease.meter(at(500), balances(90, 10, 0), TERMS);

        assertThat(first).isEqualTo(reading(0, 10, Transition.NONE));
        assertThat(again).isEqualTo(reading(0, 0, Transition.NONE));
        assertThat(pastTheEnd).isEqualTo(reading(0, 90, Transition.NONE));
        assertThat(lease.billableSeconds()).isEqualTo(100);
        assertThat(lease.meteredUntil()).isEqualTo(at(100));
    }

    @Test
    void downtimeIsRefundedFromTheEscrowAndStopsCountingAsEarned() {
        LeaseEscrow lease = lease(100);
        lease.meter(at(30), balances(100, 0, 0), TERMS);

        BigInteger refund = lease.recordDowntime(at(10), at(20), BigInteger.valueOf(70));
        MeterReading afterDowntime = lease.meter(at(40), balances(60, 30, 0), TERMS);
        BigInteger cappedRefund = lease.recordDowntime(at(95), at(400), BigInteger.valueOf(3));

        assertThat(refund).isEqualTo(BigInteger.TEN);
        assertThat(afterDowntime.accrual()).as("the refunded seconds already accrued are not earned again").isZero();
        assertThat(cappedRefund).as("never more than the escrow holds").isEqualTo(BigInteger.valueOf(3));
        assertThat(lease.downtimeSeconds()).isEqualTo(15);
        lease.meterUntil(at(100));
        Settlement settlement = lease.pay(PROVIDER, balances(57, 30, 0), 250, UUID.randomUUID(), at(100));
        assertThat(settlement.providerPayout().add(settlement.protocolFee())).isEqualTo(BigInteger.valueOf(85));
        assertThat(settlement.consumerRefund()).isEqualTo(BigInteger.TWO);
    }

    @Test
    void aPrefundedLeaseIsToppedUpAheadFromTheConsumersBalance() {
        assertThat(LeaseEscrow.initialFunding(UNIT_PER_SECOND, 7200, TERMS)).isEqualTo(BigInteger.valueOf(1800));
        LeaseEscrow lease = lease(7200);

        MeterReading reading = lease.meter(at(600), balances(1800, 0, 10_000), TERMS);

        assertThat(reading).isEqualTo(reading(600, 600, Transition.NONE));
        assertThat(lease.toppedUp()).isEqualTo(BigInteger.valueOf(600));
    }

    @Test
    void aLeaseTheConsumerCannotKeepFundedPausesThenResumesOnATopUpWithoutBillingThePause() {
        LeaseEscrow lease = lease(7200);

        MeterReading paused = lease.meter(at(1790), balances(1800, 0, 0), TERMS);

        assertThat(paused).isEqualTo(new MeterReading(BigInteger.ZERO, BigInteger.valueOf(1790), Transition.PAUSED,
                BigInteger.valueOf(1790)));
        assertThat(lease.status()).isEqualTo(LeaseStatus.PAUSED);
        assertThat(lease.graceEndsAt()).isEqualTo(at(1790).plus(Duration.ofMinutes(10)));
        assertThat(lease.meter(at(1850), balances(10, 1790, 1000), TERMS).transition())
                .as("a top-up too small to resume is not taken").isEqualTo(Transition.NONE);

        MeterReading resumed = lease.meter(at(1900), balances(10, 1790, 5000), TERMS);

        assertThat(resumed).isEqualTo(reading(1790, 0, Transition.RESUMED));
        assertThat(lease.status()).isEqualTo(LeaseStatus.FUNDED);
        lease.meter(at(2000), balances(1800, 1790, 0), TERMS);
        assertThat(lease.billableSeconds()).isEqualTo(1790 + 100);
    }

    @Test
    void aPausedLeaseLapsesWhenItsGracePeriodEndsAndPaysWhatWasEarned() {
        LeaseEscrow lease = lease(7200);
        lease.meter(at(1790), balances(1800, 0, 0), TERMS);
        assertThat(lease.meter(at(2389), balances(10, 1790, 0), TERMS).transition()).isEqualTo(Transition.NONE);
        assertThatThrownBy(() -> lease.lapse(balances(10, 1790, 0), 250, UUID.randomUUID(), at(2389)))
                .isInstanceOf(IllegalFundingMoveException.class);

        MeterReading lapsed = lease.meter(at(2390), balances(10, 1790, 0), TERMS);
        Settlement settlement = lease.lapse(balances(10, 1790, 0), 250, UUID.randomUUID(), at(2390));

        assertThat(lapsed.transition()).isEqualTo(Transition.LAPSED);
        assertThat(settlement.outcome()).isEqualTo(SettlementOutcome.LAPSED);
        assertThat(settlement.protocolFee()).isEqualTo(BigInteger.valueOf(44));
        assertThat(settlement.providerPayout()).isEqualTo(BigInteger.valueOf(1746));
        assertThat(settlement.consumerRefund()).isEqualTo(BigInteger.TEN);
        assertThat(lease.status()).isEqualTo(LeaseStatus.LAPSED);
        assertThatThrownBy(() -> lease.pay(PROVIDER, balances(0, 0, 0), 250, UUID.randomUUID(), at(2400)))
                .isInstanceOf(IllegalFundingMoveException.class);
    }

    @Test
    void aLeaseVerifiedEarlyPaysWhatWasEarnedAndReturnsTheRest() {
        LeaseEscrow lease = lease(100);
        lease.meterUntil(at(40));

        Settlement settlement = lease.pay(PROVIDER, balances(60, 40, 0), 250, UUID.randomUUID(), at(40));

        assertThat(settlement.providerPayout()).isEqualTo(BigInteger.valueOf(39));
        assertThat(settlement.protocolFee()).isEqualTo(BigInteger.ONE);
        assertThat(settlement.consumerRefund()).isEqualTo(BigInteger.valueOf(60));
    }

    private static LeaseEscrow lease(long durationSeconds) {
        JobHold hold = JobHold.placed(UUID.randomUUID(), 1, CONSUMER, BigInteger.valueOf(1_000_000), AWARDED);
        Award award = new Award(UUID.randomUUID(), CONSUMER, PROVIDER, UNIT_PER_SECOND, durationSeconds, 1,
                AWARDED.plusMillis(400));
        return hold.fundLease(award, LeaseEscrow.initialFunding(UNIT_PER_SECOND, durationSeconds, TERMS), AWARDED);
    }

    private static Instant at(long secondsAfterAward) {
        return AWARDED.plusSeconds(secondsAfterAward);
    }

    private static LeaseBalances balances(long escrow, long earned, long available) {
        return new LeaseBalances(BigInteger.valueOf(escrow), BigInteger.valueOf(earned), BigInteger.valueOf(available));
    }

    private static MeterReading reading(long topUp, long accrual, Transition transition) {
        return new MeterReading(BigInteger.valueOf(topUp), BigInteger.valueOf(accrual), transition, BigInteger.ZERO);
    }
}
