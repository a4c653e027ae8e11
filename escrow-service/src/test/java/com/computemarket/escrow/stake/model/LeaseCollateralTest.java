package com.computemarket.escrow.stake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeaseCollateralTest {

    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final Instant NOW = Instant.parse("2026-11-26T14:00:00Z");

    @Test
    void locksTheShareOfTheLeaseValueOrWhatTheFreeStakeCovers() {
        LeaseCollateral covered = lock(BigInteger.valueOf(15_005), BigInteger.valueOf(10_000));
        assertThat(covered.required()).isEqualTo(BigInteger.valueOf(1500));
        assertThat(covered.locked()).isEqualTo(BigInteger.valueOf(1500));

        LeaseCollateral shortOfStake = lock(BigInteger.valueOf(15_000), BigInteger.valueOf(600));
        assertThat(shortOfStake.required()).isEqualTo(BigInteger.valueOf(1500));
        assertThat(shortOfStake.locked()).isEqualTo(BigInteger.valueOf(600));

        assertThat(lock(BigInteger.valueOf(15_000), BigInteger.ZERO).locked()).isZero();
    }

    @Test
    void releasesWhatWasNotSlashedOnceAndThenRefusesEveryMove() {
        LeaseCollateral collateral = lock(BigInteger.valueOf(10_000), BigInteger.valueOf(5_000));
        collateral.slash(new SlashShare(BigInteger.valueOf(300), BigInteger.valueOf(100), BigInteger.valueOf(200)));

        assertThat(collateral.release("WORK_REJECTED", NOW)).isEqualTo(BigInteger.valueOf(700));

        assertThat(collateral.isLocked()).isFalse();
        assertThat(collateral.stillLocked()).isZero();
        assertThatThrownBy(() -> collateral.release("LEASE_CLOSED_COMPLETED", NOW))
                .isInstanceOf(IllegalStakeMoveException.class);
        assertThatThrownBy(() -> collateral.slash(new SlashShare(BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE)))
                .isInstanceOf(IllegalStakeMoveException.class);
    }

    @Test
    void refusesToSlashMoreThanIsStillLocked() {
        LeaseCollateral collateral = lock(BigInteger.valueOf(10_000), BigInteger.valueOf(5_000));

        assertThatThrownBy(() -> collateral.slash(
                new SlashShare(BigInteger.valueOf(1001), BigInteger.ZERO, BigInteger.valueOf(1001))))
                .isInstanceOf(IllegalStakeMoveException.class);
        assertThat(collateral.slashed()).isZero();
    }

    private static LeaseCollateral lock(BigInteger leaseValue, BigInteger freeStake) {
        return LeaseCollateral.lock(UUID.randomUUID(), UUID.randomUUID(), PROVIDER, CONSUMER, leaseValue, 1000,
                freeStake, NOW);
    }
}
