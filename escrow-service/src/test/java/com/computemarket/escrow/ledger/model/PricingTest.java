package com.computemarket.escrow.ledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @Test
    void costIsPricePerHourTimesSecondsOverAnHour() {
        assertThat(Pricing.cost(TOKEN.multiply(BigInteger.TWO), 3600)).isEqualTo(TOKEN.multiply(BigInteger.TWO));
        assertThat(Pricing.cost(TOKEN, 1800)).isEqualTo(TOKEN.divide(BigInteger.TWO));
    }

    @Test
    void costRoundsDownInTheConsumersFavour() {
        // 7 * 1000 / 3600 = 1.94...
        assertThat(Pricing.cost(BigInteger.valueOf(7), 1000)).isEqualTo(BigInteger.ONE);
        assertThat(Pricing.cost(BigInteger.ONE, 3599)).isEqualTo(BigInteger.ZERO);
        assertThat(Pricing.cost(BigInteger.valueOf(3601), 1)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void costDoesNotOverflowForHugeAmounts() {
        BigInteger huge = BigInteger.TWO.pow(200);
        assertThat(Pricing.cost(huge, 7200)).isEqualTo(huge.multiply(BigInteger.TWO));
    }

    @Test
    void holdCoversEveryReplicaAtTheMaximumPrice() {
        assertThat(Pricing.hold(TOKEN.multiply(BigInteger.TWO), 3600, 3)).isEqualTo(TOKEN.multiply(BigInteger.valueOf(6)));
        // rounding happens per replica, before multiplying, so the hold equals the sum of the replicas' costs
        assertThat(Pricing.hold(BigInteger.valueOf(7), 1000, 3)).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void holdRefusesNonPositiveReplicas() {
        assertThatThrownBy(() -> Pricing.hold(TOKEN, 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protocolFeeIsBasisPointsOfTheEscrowRoundedDown() {
        BigInteger escrow = new BigInteger("1500000000000000000");
        assertThat(Pricing.protocolFee(escrow, 250)).isEqualTo(new BigInteger("37500000000000000"));
        assertThat(Pricing.protocolFee(BigInteger.valueOf(399), 250)).isEqualTo(BigInteger.valueOf(9)); // 9.975
        assertThat(Pricing.protocolFee(BigInteger.valueOf(39), 250)).isEqualTo(BigInteger.ZERO); // 0.975
        assertThat(Pricing.protocolFee(escrow, 0)).isEqualTo(BigInteger.ZERO);
        assertThat(Pricing.protocolFee(escrow, 10_000)).isEqualTo(escrow);
    }

    @Test
    void protocolFeeRefusesBasisPointsOutsideZeroToTenThousand() {
        assertThatThrownBy(() -> Pricing.protocolFee(TOKEN, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.protocolFee(TOKEN, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
