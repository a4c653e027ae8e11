package com.computemarket.escrow.ledger.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ProtocolFeeTest {
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @Test
    void isBasisPointsOfTheEscrowRoundedDown() {
        BigInteger escrow = new BigInteger("1500000000000000000");
        assertThat(ProtocolFee.of(escrow, 250)).isEqualTo(new BigInteger("37500000000000000"));
        assertThat(ProtocolFee.of(BigInteger.valueOf(399), 250)).isEqualTo(BigInteger.valueOf(9)); // 9.975
        assertThat(ProtocolFee.of(BigInteger.valueOf(39), 250)).isEqualTo(BigInteger.ZERO); // 0.975
        assertThat(ProtocolFee.of(escrow, 0)).isEqualTo(BigInteger.ZERO);
        assertThat(ProtocolFee.of(escrow, 10_000)).isEqualTo(escrow);
    }

    @Test
    void refusesBasisPointsOutsideZeroToTenThousand() {
        assertThatThrownBy(() -> ProtocolFee.of(TOKEN, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolFee.of(TOKEN, 10_001)).isInstanceOf(IllegalArgumentException.class);
    }
}
