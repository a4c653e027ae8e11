package com.computemarket.matching.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @Test
    void costIsThePricePerHourTimesTheHoursUsed() {
        assertThat(Pricing.cost(TOKEN.multiply(BigInteger.TWO), 3600)).isEqualTo(TOKEN.multiply(BigInteger.TWO));
        assertThat(Pricing.cost(TOKEN, 1800)).isEqualTo(TOKEN.divide(BigInteger.TWO));
    }

    @Test
    void costRoundsDownInTheConsumersFavour() {
        assertThat(Pricing.cost(BigInteger.valueOf(7), 1800)).isEqualTo(BigInteger.valueOf(3));
        assertThat(Pricing.cost(BigInteger.ONE, 3599)).isEqualTo(BigInteger.ZERO);
    }

    @Test
    void theHoldCoversEveryReplicaAtTheMaximumPrice() {
        // The JobPosted example: 2 tokens/h for an hour, 3 replicas.
        assertThat(Pricing.hold(TOKEN.multiply(BigInteger.TWO), 3600, 3)).isEqualTo(new BigInteger("6000000000000000000"));
        // Rounding happens per replica, as escrow funds each lease separately.
        assertThat(Pricing.hold(BigInteger.valueOf(7), 1800, 2)).isEqualTo(BigInteger.valueOf(6));
    }

    @Test
    void costStaysExactBeyondLongRange() {
        BigInteger huge = BigInteger.TWO.pow(200);

        assertThat(Pricing.cost(huge, 7200)).isEqualTo(huge.multiply(BigInteger.TWO));
    }

    @Test
    void refusesNegativeInputs() {
        assertThatThrownBy(() -> Pricing.cost(BigInteger.ONE.negate(), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pricing.cost(BigInteger.ONE, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
