package com.computemarket.escrow.stake.model;

import java.math.BigInteger;

/** How much one slash takes from a lease's collateral and where it goes; {@code toConsumer + toSlashedFunds = amount}. */
public record SlashShare(BigInteger amount, BigInteger toConsumer, BigInteger toSlashedFunds) {

    public SlashShare {
        if (amount.signum() < 0 || toConsumer.signum() < 0 || toSlashedFunds.signum() < 0
                || !toConsumer.add(toSlashedFunds).equals(amount)) {
            throw new IllegalArgumentException("a slash splits a non-negative amount exactly: " + amount + " != "
                    + toConsumer + " + " + toSlashedFunds);
        }
    }
}
