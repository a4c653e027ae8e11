package com.computemarket.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LeasePricingTest {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @Test
    void costIsPricePerHourTimesSecondsOverAnHour() {
        assertThat(LeasePricing.cost(TOKEN.multiply(BigInteger.TWO), 3600)).isEqualTo(TOKEN.multiply(BigInteger.TWO));
        assertThat(LeasePricing.cost(TOKEN, 1800)).isEqualTo(TOKEN.divide(BigInteger.TWO));
    }

    @Test
    void costRoundsDownInTheConsumersFavour() {
        assertThat(LeasePricing.cost(BigInteger.valueOf(7), 1000)).isEqualTo(BigInteger.ONE); // 1.94
        assertThat(LeasePricing.cost(BigInteger.ONE, 3599)).isEqualTo(BigInteger.ZERO);
        assertThat(LeasePricing.cost(BigInteger.valueOf(3601), 1)).isEqualTo(BigInteger.ONE);
    }

    @Test
    void costStaysExactBeyondTheRangeOfLong() {
        BigInteger huge = BigInteger.TWO.pow(200);
        assertThat(LeasePricing.cost(huge, 7200)).isEqualTo(huge.multiply(BigInteger.TWO));
    }

    @Test
    void holdCoversEveryReplicaAtTheMaximumPrice() {
        assertThat(LeasePricing.hold(TOKEN.multiply(BigInteger.TWO), 3600, 3))
                .isEqualTo(TOKEN.multiply(BigInteger.valueOf(6)));
        // rounding applies per replica, so the hold is a whole multiple of one replica's cost
        assertThat(LeasePricing.hold(BigInteger.valueOf(7), 1000, 3)).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void refusesNegativeInputsAndNoReplicas() {
        assertThatThrownBy(() -> LeasePricing.cost(BigInteger.ONE.negate(), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeasePricing.cost(BigInteger.ONE, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeasePricing.hold(TOKEN, 60, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
