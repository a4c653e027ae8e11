package com.computemarket.escrow.stake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProportionalSlashPolicyTest {

    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private final ProportionalSlashPolicy policy = new ProportionalSlashPolicy(5000, 2500, 4000);

    @Test
    void takesTheCausesShareOfTheLockedCollateralAndSplitsItRoundingTheConsumersPartDown() {
        LeaseCollateral collateral = collateral(1001);

        assertThat(policy.slashFor(SlashCause.WORK_REJECTED, collateral))
                .isEqualTo(new SlashShare(BigInteger.valueOf(500), BigInteger.valueOf(200), BigInteger.valueOf(300)));
        assertThat(policy.slashFor(SlashCause.LEASE_LOST, collateral))
                .isEqualTo(new SlashShare(BigInteger.valueOf(250), BigInteger.valueOf(100), BigInteger.valueOf(150)));
        // 1001 * 40 % = 400.4: the consumer gets 400 and slashed funds the odd unit, nothing minted
        assertThat(new ProportionalSlashPolicy(10_000, 0, 4000).slashFor(SlashCause.WORK_REJECTED, collateral))
                .isEqualTo(new SlashShare(BigInteger.valueOf(1001), BigInteger.valueOf(400), BigInteger.valueOf(601)));
    }

    @Test
    void neverTakesMoreThanTheLeaseStillHasLocked() {
        LeaseCollateral collateral = collateral(1000);
        collateral.slash(policy.slashFor(SlashCause.WORK_REJECTED, collateral));
        collateral.slash(new SlashShare(BigInteger.valueOf(400), BigInteger.ZERO, BigInteger.valueOf(400)));

        SlashShare second = new ProportionalSlashPolicy(5000, 10_000, 5000).slashFor(SlashCause.LEASE_LOST, collateral);

        assertThat(second.amount()).isEqualTo(BigInteger.valueOf(100));
        collateral.slash(second);
        assertThat(collateral.stillLocked()).isZero();
        assertThat(policy.slashFor(SlashCause.LEASE_LOST, collateral).amount()).isZero();
    }

    @Test
    void refusesSharesOutsideZeroToTenThousandBasisPoints() {
        assertThatThrownBy(() -> new ProportionalSlashPolicy(10_001, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejectedWorkBps");
        assertThatThrownBy(() -> new ProportionalSlashPolicy(0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consumerShareBps");
    }

    private static LeaseCollateral collateral(long locked) {
        return new LeaseCollateral(UUID.randomUUID(), UUID.randomUUID(), PROVIDER, CONSUMER,
                BigInteger.valueOf(locked * 10), BigInteger.valueOf(locked), BigInteger.valueOf(locked),
                BigInteger.ZERO, CollateralStatus.LOCKED, Instant.EPOCH, null, null);
    }
}
